using Omnichannel.Contacts;

namespace Omnichannel.Conversations;

/// <summary>A thread between one contact and the team, in one inbox.</summary>
public sealed class Conversation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid InboxId { get; init; }

    public Guid ContactId { get; init; }

    public Contact? Contact { get; init; }

    public ConversationStatus Status { get; private set; } = ConversationStatus.Open;

    public Guid? AssigneeId { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastActivityAt { get; private set; }

    /// <summary>Customer messages since an agent last opened the conversation.</summary>
    public int UnreadCount { get; private set; }

    // Denormalised preview of the last customer-facing message (not notes or activity), so the list needs no extra query.
    public string? LastMessageText { get; private set; }

    public MessageDirection? LastMessageDirection { get; private set; }

    public DateTimeOffset? LastMessageAt { get; private set; }

    private const int PreviewLength = 200;

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    public static Conversation Start(Guid inboxId, Guid contactId, DateTimeOffset at) => new()
    {
        InboxId = inboxId,
        ContactId = contactId,
        CreatedAt = at,
        LastActivityAt = at,
    };

    /// <summary>
    /// Records a customer message: counts it unread and reopens a conversation that was
    /// pending, snoozed or resolved. Returns whether it was reopened.
    /// </summary>
    public bool ReceiveCustomerMessage(Message message)
    {
        UnreadCount++;
        Touch(message);
        if (Status == ConversationStatus.Open)
        {
            return false;
        }

        Status = ConversationStatus.Open;
        return true;
    }

    /// <summary>An agent's reply or note. A reply to a resolved conversation reopens it (as in Zendesk).</summary>
    public void AddAgentMessage(Message message)
    {
        Touch(message);
        if (message.Kind == MessageKind.Message && Status == ConversationStatus.Resolved)
        {
            Status = ConversationStatus.Open;
        }
    }

    public bool ChangeStatus(ConversationStatus status, DateTimeOffset at)
    {
        if (Status == status)
        {
            return false;
        }

        Status = status;
        LastActivityAt = Max(LastActivityAt, at);
        return true;
    }

    public bool Assign(Guid? assigneeId, DateTimeOffset at)
    {
        if (AssigneeId == assigneeId)
        {
            return false;
        }

        AssigneeId = assigneeId;
        LastActivityAt = Max(LastActivityAt, at);
        return true;
    }

    public void MarkRead() => UnreadCount = 0;

    private void Touch(Message message)
    {
        LastActivityAt = Max(LastActivityAt, message.CreatedAt);
        if (message.Kind != MessageKind.Message || (LastMessageAt is { } last && last > message.CreatedAt))
        {
            return;
        }

        LastMessageText = message.Text.Length <= PreviewLength ? message.Text : message.Text[..PreviewLength];
        LastMessageDirection = message.Direction;
        LastMessageAt = message.CreatedAt;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
