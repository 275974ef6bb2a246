namespace Omnichannel.Realtime;

public enum InboxEventKind
{
    MessageCreated,
    MessageUpdated,
    ConversationUpdated,

    /// <summary>Who is viewing or typing in a conversation changed (ephemeral, never stored).</summary>
    ConversationPresence,

    /// <summary>An agent's availability changed (chose another status, opened a first tab or closed the last).</summary>
    AgentAvailability,

    /// <summary>A notification was created for <see cref="InboxEvent.UserId"/>.</summary>
    NotificationCreated,

    /// <summary>Events may have been missed (the feed reconnected): listeners should reload what they show.</summary>
    Resync,
}

/// <summary>
/// A small "something changed" signal. Listeners re-read the current state rather than trusting the
/// event's content, so a missed or repeated event can never leave a screen wrong. Events about one
/// user (<see cref="UserId"/>) are delivered only to that user.
/// </summary>
public sealed record InboxEvent(
    InboxEventKind Kind,
    Guid InboxId,
    Guid ConversationId,
    Guid? MessageId = null,
    Guid? UserId = null,
    string? Detail = null)
{
    public static readonly InboxEvent Resync = new(InboxEventKind.Resync, Guid.Empty, Guid.Empty);

    public static InboxEvent Availability(Guid userId) => new(InboxEventKind.AgentAvailability, Guid.Empty, Guid.Empty, UserId: userId);

    public static InboxEvent Notification(Guid userId, Guid conversationId) => new(InboxEventKind.NotificationCreated, Guid.Empty, conversationId, UserId: userId);
}
