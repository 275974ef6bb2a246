namespace Omnichannel.Delivery;

/// <summary>
/// A provider event exactly as it arrived (the raw, signed body), stored before the webhook is
/// acknowledged and applied later by the inbound worker. (InboxId, ProviderKey) is unique, so a
/// redelivered event is stored and applied once.
/// </summary>
public sealed class InboundEvent
{
    public long Id { get; init; }

    public Guid InboxId { get; init; }

    /// <summary>e.g. "message:wamid.X" or "status:wamid.X:delivered".</summary>
    public required string ProviderKey { get; init; }

    /// <summary>The raw request body, byte-for-byte as UTF-8 text, so signatures can be rechecked on replay.</summary>
    public required string Payload { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}
