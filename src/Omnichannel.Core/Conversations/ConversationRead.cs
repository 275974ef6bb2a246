namespace Omnichannel.Conversations;

/// <summary>How far one agent has read a conversation; customer messages after it are unread for them.</summary>
public sealed class ConversationRead
{
    public Guid ConversationId { get; init; }

    public Guid UserId { get; init; }

    public DateTimeOffset LastReadAt { get; set; }
}
