namespace Omnichannel.Inboxes;

/// <summary>
/// One connected channel instance (e.g. one WhatsApp business number). Public settings are plain
/// JSON; credentials live in <see cref="EncryptedSecrets"/>, encrypted with ASP.NET Core Data Protection.
/// </summary>
public sealed class Inbox
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public ChannelType Channel { get; init; }

    /// <summary>The provider's id for this inbox (WhatsApp phone_number_id), used to route webhooks.</summary>
    public required string RoutingKey { get; set; }

    /// <summary>Non-secret settings as JSON (base URL, API version, ...).</summary>
    public required string Settings { get; set; }

    /// <summary>Secret settings as JSON, encrypted at rest.</summary>
    public required string EncryptedSecrets { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Route new and reopened conversations round-robin to online members.</summary>
    public bool AutoAssignment { get; set; }

    /// <summary>Members stop receiving routed conversations at this many open ones (null = no limit).</summary>
    public int? MaxOpenPerAgent { get; set; }

    /// <summary>Only the assignee may reply to customers (others can still write notes); avoids double answers.</summary>
    public bool OnlyAssigneeReplies { get; set; }

    public List<InboxMember> Members { get; init; } = [];
}

/// <summary>An agent who works an inbox. Agents only see conversations of their inboxes.</summary>
public sealed class InboxMember
{
    public Guid InboxId { get; init; }

    public Guid UserId { get; init; }

    /// <summary>When routing last gave this member a conversation here: round robin picks the longest-waiting.</summary>
    public DateTimeOffset? LastAssignedAt { get; set; }
}
