namespace Omnichannel.Delivery;

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message waiting to be sent to a provider. Written in the same transaction as the
/// <see cref="Conversations.Message"/>, so a reply is never lost; the dispatcher leases rows,
/// retries transient failures with backoff, and never sends a row again once it is Sent.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }

    public Guid MessageId { get; init; }

    public Guid ConversationId { get; init; }

    public Guid InboxId { get; init; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>While a dispatcher holds the row; another instance may take it after this passes.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }
}
