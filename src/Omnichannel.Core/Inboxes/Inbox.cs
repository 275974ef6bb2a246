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
    public required string RoutingKey { get; init; }

    /// <summary>Non-secret settings as JSON (base URL, API version, ...).</summary>
    public required string Settings { get; set; }

    /// <summary>Secret settings as JSON, encrypted at rest.</summary>
    public required string EncryptedSecrets { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<InboxMember> Members { get; init; } = [];
}

/// <summary>An agent who works an inbox. Agents only see conversations of their inboxes.</summary>
public sealed class InboxMember
{
    public Guid InboxId { get; init; }

    public Guid UserId { get; init; }
}
