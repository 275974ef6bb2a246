namespace Omnichannel.Realtime;

public enum InboxEventKind
{
    MessageCreated,
    MessageUpdated,
    ConversationUpdated,

    /// <summary>Events may have been missed (the feed reconnected): listeners should reload what they show.</summary>
    Resync,
}

/// <summary>
/// A small "something changed" signal. Listeners re-read the current state rather than trusting the
/// event's content, so a missed or repeated event can never leave a screen wrong.
/// </summary>
public sealed record InboxEvent(InboxEventKind Kind, Guid InboxId, Guid ConversationId, Guid? MessageId = null)
{
    public static readonly InboxEvent Resync = new(InboxEventKind.Resync, Guid.Empty, Guid.Empty);
}
