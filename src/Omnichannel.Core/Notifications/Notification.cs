namespace Omnichannel.Notifications;

public enum NotificationKind
{
    /// <summary>Someone @mentioned the user in a private note.</summary>
    Mention,

    /// <summary>A conversation was assigned to the user (by someone else or by routing).</summary>
    Assigned,
}

/// <summary>An entry in a user's notification centre.</summary>
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public NotificationKind Kind { get; init; }

    public Guid ConversationId { get; init; }

    public Guid? MessageId { get; init; }

    /// <summary>Who caused it (display name at the time), or null for the system.</summary>
    public string? ActorName { get; init; }

    /// <summary>A short excerpt (the note's text) shown in the notification centre.</summary>
    public string? Snippet { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; set; }
}
