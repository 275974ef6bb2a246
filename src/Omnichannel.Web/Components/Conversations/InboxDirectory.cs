using Omnichannel.Agents;
using Omnichannel.Common;
using Omnichannel.Inboxes;
using Omnichannel.Labels;
using Omnichannel.Teams;

namespace Omnichannel.Web.Components.Conversations;

/// <summary>
/// The names the inbox screens show next to ids: the user's visible inboxes, the people, teams and
/// labels. Loaded once per page (and again after a reconnection).
/// </summary>
public sealed class InboxDirectory
{
    private InboxDirectory(Actor me, IReadOnlyList<InboxView> inboxes, IReadOnlyList<UserView> users, IReadOnlyList<TeamView> teams, IReadOnlyList<LabelView> labels)
    {
        Me = me;
        Inboxes = inboxes.ToDictionary(i => i.Id);
        Users = users;
        Teams = teams;
        Labels = labels;
        _usersById = users.ToDictionary(u => u.Id);
        _teamsById = teams.ToDictionary(t => t.Id);
        _labelsByName = labels.GroupBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    private readonly Dictionary<Guid, UserView> _usersById;
    private readonly Dictionary<Guid, TeamView> _teamsById;
    private readonly Dictionary<string, LabelView> _labelsByName;

    public Actor Me { get; }

    public IReadOnlyDictionary<Guid, InboxView> Inboxes { get; }

    public IReadOnlyList<UserView> Users { get; }

    /// <summary>Teams conversations can be routed to, by name.</summary>
    public IReadOnlyList<TeamView> Teams { get; }

    /// <summary>The labels admins defined, by name.</summary>
    public IReadOnlyList<LabelView> Labels { get; }

    public static async Task<InboxDirectory> LoadAsync(UseCases useCases) => new(
        await useCases.ActorAsync(),
        await useCases.Send(new ListInboxes()),
        await useCases.Send(new ListUsers()),
        await useCases.Send(new ListTeams()),
        await useCases.Send(new ListLabels()));

    public string? TeamName(Guid? teamId) => teamId is { } id && _teamsById.TryGetValue(id, out var team) ? team.Name : null;

    /// <summary>The label's colour (#RRGGBB); grey for a label deleted since the page loaded.</summary>
    public string LabelColor(string name) => _labelsByName.TryGetValue(name, out var label) ? label.Color : "#94A3B8";

    /// <summary>Whether only the assignee may answer customers in this inbox (others write notes).</summary>
    public bool OnlyAssigneeReplies(Guid inboxId) => Inboxes.TryGetValue(inboxId, out var inbox) && inbox.OnlyAssigneeReplies;

    public string? UserName(Guid? userId) => userId is { } id && _usersById.TryGetValue(id, out var user) ? user.Name : null;

    public string InboxName(Guid inboxId) => Inboxes.TryGetValue(inboxId, out var inbox) ? inbox.Name : "";

    /// <summary>The inbox's channel icon (a neutral chat icon for an inbox deleted since the page loaded).</summary>
    public string InboxIcon(Guid inboxId) => Inboxes.TryGetValue(inboxId, out var inbox) ? Shared.ChannelMarks.Icon(inbox.Channel) : MudBlazor.Icons.Material.Outlined.Chat;

    /// <summary>Who may take a conversation of this inbox: its members, supervisors and admins (as UpdateConversation checks).</summary>
    public IEnumerable<UserView> AssignableIn(Guid inboxId)
    {
        var members = Inboxes.TryGetValue(inboxId, out var inbox) ? inbox.MemberIds : [];
        return Users.Where(u => u.Role != Role.Agent || members.Contains(u.Id));
    }
}
