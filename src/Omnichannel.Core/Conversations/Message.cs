namespace Omnichannel.Conversations;

public sealed class Message
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ConversationId { get; private set; }

    /// <summary>Copied from the conversation so the provider id can be unique per inbox.</summary>
    public Guid InboxId { get; init; }

    public MessageDirection Direction { get; init; }

    public MessageKind Kind { get; init; }

    public required string Text { get; set; }

    /// <summary>When it was written: the provider's timestamp for customer messages (orders the thread).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When it reached us. Unread state compares this with read markers, because a redelivered
    /// customer message can carry a provider timestamp older than the moment an agent last read.
    /// </summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The agent who wrote it; null for customer messages and system activity.</summary>
    public Guid? AuthorId { get; init; }

    /// <summary>Only outgoing customer-facing messages have a delivery status.</summary>
    public DeliveryStatus? Status { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The provider's error code of a failure (e.g. WhatsApp 131047), so screens can explain it in the reader's language.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>Set when this reply is a provider message template (the text is then the rendered template).</summary>
    public string? TemplateName { get; private set; }

    public string? TemplateLanguage { get; private set; }

    /// <summary>The values of the template's {{1}}…{{n}}, in order.</summary>
    public List<string>? TemplateParameters { get; private set; }

    /// <summary>The provider's id (WhatsApp wamid); unique per inbox, which makes ingestion idempotent.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>When the provider was told the customer's message was seen (read receipt toward the customer); sent once.</summary>
    public DateTimeOffset? SeenReportedAt { get; private set; }

    /// <summary>The customer's reaction to this message (an emoji), on channels that report reactions.</summary>
    public string? Reaction { get; private set; }

    /// <summary>Client-chosen key that makes a retried POST return the first result.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): receipts and the dispatcher update the same row.</summary>
    public uint Version { get; private set; }

    /// <summary>Moves the message into another conversation of the same inbox (conversation merge and its undo).</summary>
    public void MoveTo(Guid conversationId) => ConversationId = conversationId;

    public static Message Incoming(Conversation conversation, string text, string providerMessageId, DateTimeOffset at, DateTimeOffset receivedAt) => new()
    {
        ReceivedAt = receivedAt,
        ConversationId = conversation.Id,
        InboxId = conversation.InboxId,
        Direction = MessageDirection.Incoming,
        Kind = MessageKind.Message,
        Text = text,
        CreatedAt = at,
        ProviderMessageId = providerMessageId,
    };

    public static Message Reply(Conversation conversation, Guid authorId, string text, bool isNote, string? idempotencyKey, DateTimeOffset at) => new()
    {
        ConversationId = conversation.Id,
        InboxId = conversation.InboxId,
        Direction = MessageDirection.Outgoing,
        Kind = isNote ? MessageKind.Note : MessageKind.Message,
        Text = text,
        CreatedAt = at,
        ReceivedAt = at,
        AuthorId = authorId,
        Status = isNote ? null : DeliveryStatus.Pending,
        IdempotencyKey = idempotencyKey,
    };

    /// <summary>A reply that is a message template; <paramref name="renderedText"/> is what the customer reads.</summary>
    public static Message TemplateReply(
        Conversation conversation, Guid authorId, string renderedText, string name, string language, IReadOnlyList<string> parameters, string? idempotencyKey, DateTimeOffset at)
    {
        var message = Reply(conversation, authorId, renderedText, isNote: false, idempotencyKey, at);
        message.TemplateName = name;
        message.TemplateLanguage = language;
        message.TemplateParameters = [.. parameters];
        return message;
    }

    /// <summary>
    /// A message the business sent to the customer outside this app (e.g. from the Instagram app),
    /// learnt from the provider's echo: it is already sent, and no agent here wrote it.
    /// </summary>
    public static Message SentElsewhere(Conversation conversation, string text, string providerMessageId, DateTimeOffset at, DateTimeOffset receivedAt) => new()
    {
        ConversationId = conversation.Id,
        InboxId = conversation.InboxId,
        Direction = MessageDirection.Outgoing,
        Kind = MessageKind.Message,
        Text = text,
        CreatedAt = at,
        ReceivedAt = receivedAt,
        Status = DeliveryStatus.Sent,
        ProviderMessageId = providerMessageId,
    };

    /// <summary>Sets (or with null, removes) the customer's reaction. Returns whether it changed.</summary>
    public bool React(string? emoji)
    {
        emoji = string.IsNullOrWhiteSpace(emoji) ? null : emoji.Length <= ReactionMaxLength ? emoji : emoji[..ReactionMaxLength];
        if (Reaction == emoji)
        {
            return false;
        }

        Reaction = emoji;
        return true;
    }

    public const int ReactionMaxLength = 32;

    /// <summary>The customer unsent (deleted) the message: its content goes, as the customer asked; the placeholder stays so the thread still makes sense.</summary>
    public bool Unsend()
    {
        if (Direction != MessageDirection.Incoming || Text == UnsentText)
        {
            return false;
        }

        Text = UnsentText;
        Reaction = null;
        return true;
    }

    public const string UnsentText = "[deleted]";

    public static Message Activity(Conversation conversation, string text, DateTimeOffset at) => new()
    {
        ConversationId = conversation.Id,
        InboxId = conversation.InboxId,
        Direction = MessageDirection.Outgoing,
        Kind = MessageKind.Activity,
        Text = text,
        CreatedAt = at,
        ReceivedAt = at,
    };

    /// <summary>
    /// Applies a provider status. Providers deliver receipts out of order and more than once, so a
    /// status never moves backwards (sent → delivered → read); Failed only replaces Pending/Sent,
    /// and a later Delivered/Read wins over Failed (multi-device customers). Returns whether it changed.
    /// </summary>
    public bool ApplyDeliveryStatus(DeliveryStatus next, string? error = null, string? errorCode = null)
    {
        if (Status is null || Status == next)
        {
            return false;
        }

        var changes = next switch
        {
            DeliveryStatus.Failed => Status is DeliveryStatus.Pending or DeliveryStatus.Sent,
            DeliveryStatus.Pending => false,
            _ => Status == DeliveryStatus.Failed || next > Status,
        };
        if (!changes)
        {
            return false;
        }

        Status = next;
        Error = next == DeliveryStatus.Failed ? error : null;
        ErrorCode = next == DeliveryStatus.Failed ? errorCode : null;
        return true;
    }

    /// <summary>
    /// The provider accepted the message but then reported it failed for a reason worth retrying
    /// (a rate limit): it goes back to pending for another send. Never once it was delivered or read.
    /// </summary>
    public bool ReturnToPending()
    {
        if (Status is not (DeliveryStatus.Sent or DeliveryStatus.Pending))
        {
            return false;
        }

        Status = DeliveryStatus.Pending;
        Error = null;
        ErrorCode = null;
        return true;
    }
}
