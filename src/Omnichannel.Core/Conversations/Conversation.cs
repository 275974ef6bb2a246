using Omnichannel.Contacts;

namespace Omnichannel.Conversations;

/// <summary>A thread between one contact and the team, in one inbox.</summary>
public sealed class Conversation
{
    private const int PreviewLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid InboxId { get; init; }

    public Guid ContactId { get; private set; }

    public Contact? Contact { get; init; }

    public ConversationStatus Status { get; private set; } = ConversationStatus.Open;

    /// <summary>When a snoozed conversation wakes up (back to open).</summary>
    public DateTimeOffset? SnoozedUntil { get; private set; }

    public Guid? AssigneeId { get; private set; }

    public Guid? TeamId { get; private set; }

    public Priority Priority { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastActivityAt { get; private set; }

    /// <summary>When the newest customer message reached us; an agent has unread messages when this is after their read marker.</summary>
    public DateTimeOffset? LastIncomingAt { get; private set; }

    // Denormalised preview of the last customer-facing message (not notes or activity), so the list needs no extra query.
    public string? LastMessageText { get; private set; }

    public MessageDirection? LastMessageDirection { get; private set; }

    public DateTimeOffset? LastMessageAt { get; private set; }

    /// <summary>Set when this conversation was merged into another; it is then resolved and points there.</summary>
    public Guid? MergedIntoId { get; private set; }

    public List<ConversationLabel> Labels { get; init; } = [];

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
    /// Records a customer message and reopens a conversation that was pending, snoozed or resolved.
    /// Returns whether it was reopened.
    /// </summary>
    public bool ReceiveCustomerMessage(Message message)
    {
        Touch(message);
        if (LastIncomingAt is null || message.ReceivedAt > LastIncomingAt)
        {
            LastIncomingAt = message.ReceivedAt;
        }

        if (Status == ConversationStatus.Open)
        {
            return false;
        }

        Reopen();
        return true;
    }

    /// <summary>An agent's reply or note. A reply to a resolved conversation reopens it (as in Zendesk).</summary>
    public void AddAgentMessage(Message message)
    {
        Touch(message);
        if (message.Kind == MessageKind.Message && Status == ConversationStatus.Resolved)
        {
            Reopen();
        }
    }

    /// <summary>Changes the status; snoozing needs a wake-up time in the future.</summary>
    public bool ChangeStatus(ConversationStatus status, DateTimeOffset at, DateTimeOffset? snoozedUntil = null)
    {
        if (status == ConversationStatus.Snoozed && (snoozedUntil is null || snoozedUntil <= at))
        {
            throw new ArgumentException("Snoozing needs a wake-up time in the future.", nameof(snoozedUntil));
        }

        var until = status == ConversationStatus.Snoozed ? snoozedUntil : null;
        if (Status == status && SnoozedUntil == until)
        {
            return false;
        }

        Status = status;
        SnoozedUntil = until;
        LastActivityAt = Max(LastActivityAt, at);
        return true;
    }

    /// <summary>A snoozed conversation whose time has come opens again.</summary>
    public bool WakeUp(DateTimeOffset at)
    {
        if (Status != ConversationStatus.Snoozed || SnoozedUntil > at)
        {
            return false;
        }

        Reopen();
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

    public bool AssignTeam(Guid? teamId, DateTimeOffset at)
    {
        if (TeamId == teamId)
        {
            return false;
        }

        TeamId = teamId;
        LastActivityAt = Max(LastActivityAt, at);
        return true;
    }

    public bool ChangePriority(Priority priority)
    {
        if (Priority == priority)
        {
            return false;
        }

        Priority = priority;
        return true;
    }

    /// <summary>Closes this conversation into <paramref name="survivor"/> (same contact), keeping a pointer to it.</summary>
    public void MergeInto(Conversation survivor, DateTimeOffset at)
    {
        MergedIntoId = survivor.Id;
        Status = ConversationStatus.Resolved;
        SnoozedUntil = null;
        LastActivityAt = Max(LastActivityAt, at);
    }

    /// <summary>Undoes <see cref="MergeInto"/>: the conversation stands on its own again with its former status.</summary>
    public void Unmerge(ConversationStatus formerStatus, DateTimeOffset at)
    {
        MergedIntoId = null;
        Status = formerStatus == ConversationStatus.Snoozed ? ConversationStatus.Open : formerStatus;
        LastActivityAt = Max(LastActivityAt, at);
    }

    /// <summary>The contact was merged into another: the conversation follows its customer.</summary>
    public void MoveToContact(Guid contactId) => ContactId = contactId;

    /// <summary>Recomputes the preview and activity times after messages moved in or out (merges).</summary>
    public void Recalculate(IReadOnlyCollection<Message> messages)
    {
        LastMessageText = null;
        LastMessageDirection = null;
        LastMessageAt = null;
        LastIncomingAt = null;
        foreach (var message in messages.OrderBy(m => m.CreatedAt))
        {
            Touch(message);
            if (message.Direction == MessageDirection.Incoming && message.Kind == MessageKind.Message && (LastIncomingAt is null || message.ReceivedAt > LastIncomingAt))
            {
                LastIncomingAt = message.ReceivedAt;
            }
        }
    }

    private void Reopen()
    {
        Status = ConversationStatus.Open;
        SnoozedUntil = null;
    }

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

    /// <summary>The list preview of a message that carries an attachment: its symbol, then the caption.</summary>
    public void PreviewAttachment(Message message, string symbol)
    {
        if (LastMessageAt == message.CreatedAt && message.Kind == MessageKind.Message)
        {
            var text = (symbol + " " + message.Text).Trim();
            LastMessageText = text.Length <= PreviewLength ? text : text[..PreviewLength];
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>A label on a conversation.</summary>
public sealed class ConversationLabel
{
    public Guid ConversationId { get; init; }

    public Guid LabelId { get; init; }

    public Labels.Label? Label { get; init; }
}
