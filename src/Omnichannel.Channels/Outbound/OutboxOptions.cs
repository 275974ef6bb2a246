namespace Omnichannel.Channels.Outbound;

/// <summary>Settings under <c>Outbox:</c>.</summary>
public sealed class OutboxOptions
{
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dispatcher owns a claimed row; longer than the HTTP timeout so two never send it at once.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
