using Omnichannel.Agents;
using Omnichannel.Common;
using Omnichannel.Inboxes;

namespace Omnichannel.Web.Components.Conversations;

/// <summary>The names the inbox screens show next to ids: the user's visible inboxes and the team. Loaded once per page.</summary>
public sealed class InboxDirectory
{
    private InboxDirectory(Actor me, IReadOnlyList<InboxView> inboxes, IReadOnlyList<UserView> users)
    {
        Me = me;
        Inboxes = inboxes.ToDictionary(i => i.Id);
        Users = users;
        _usersById = users.ToDictionary(u => u.Id);
    }

    private readonly Dictionary<Guid, UserView> _usersById;

    public Actor Me { get; }

    public IReadOnlyDictionary<Guid, InboxView> Inboxes { get; }

    public IReadOnlyList<UserView> Users { get; }

    public static async Task<InboxDirectory> LoadAsync(UseCases useCases) =>
        new(await useCases.ActorAsync(), await useCases.Send(new ListInboxes()), await useCases.Send(new ListUsers()));

    public string? UserName(Guid? userId) => userId is { } id && _usersById.TryGetValue(id, out var user) ? user.Name : null;

    public string InboxName(Guid inboxId) => Inboxes.TryGetValue(inboxId, out var inbox) ? inbox.Name : "";

    /// <summary>Who may take a conversation of this inbox: its members, supervisors and admins (as UpdateConversation checks).</summary>
    public IEnumerable<UserView> AssignableIn(Guid inboxId)
    {
        var members = Inboxes.TryGetValue(inboxId, out var inbox) ? inbox.MemberIds : [];
        return Users.Where(u => u.Role != Role.Agent || members.Contains(u.Id));
    }
}
