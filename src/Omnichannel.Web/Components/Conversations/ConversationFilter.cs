using Omnichannel.Conversations;

namespace Omnichannel.Web.Components.Conversations;

/// <summary>The list's tabs: conversations assigned to me, nobody's yet, or everything I can see.</summary>
public enum ConversationTab
{
    Mine,
    Unassigned,
    All,
}

/// <summary>
/// What the conversation list shows; turns into a <see cref="ListConversations"/> query and the
/// matching <see cref="CountConversations"/> for the tabs' counters.
/// </summary>
public sealed record ConversationFilter(ConversationTab Tab, ConversationStatus? Status, string? Label = null, Guid? TeamId = null)
{
    public static readonly ConversationFilter Default = new(ConversationTab.All, ConversationStatus.Open);

    /// <summary>The status filter's choices in menu order; null means every status.</summary>
    public static readonly ConversationStatus?[] Statuses =
        [ConversationStatus.Open, ConversationStatus.Pending, ConversationStatus.Snoozed, ConversationStatus.Resolved, null];

    public ListConversations Query(Guid me, string? cursor, int limit) => new(
        Status,
        Assignee: Tab switch
        {
            ConversationTab.Mine => new AssigneeFilter(UserId: me),
            ConversationTab.Unassigned => new AssigneeFilter(Unassigned: true),
            _ => null,
        },
        Cursor: cursor,
        Limit: limit,
        Label: Label,
        TeamId: TeamId);

    /// <summary>Counters of every tab under the same status, label and team.</summary>
    public CountConversations Counts() => new(Status, Label: Label, TeamId: TeamId);
}
