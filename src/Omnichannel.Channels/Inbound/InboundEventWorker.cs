using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Inbound;

/// <summary>
/// Applies stored provider events in arrival order. Batches are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> so several app instances can share the work; each event runs under
/// a savepoint, so one bad event is retried later with backoff without blocking the others.
/// Events left over by a crash are simply picked up on the next start.
/// </summary>
public sealed partial class InboundEventWorker(
    IServiceScopeFactory scopes, InboundWork work, IConfiguration configuration, TimeProvider clock, ILogger<InboundEventWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetentionCheckInterval = TimeSpan.FromHours(1);

    // Small enough that messages show up promptly (the batch is one transaction), large enough to share its commit.
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextRetention = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ApplyBatchAsync(stoppingToken) == BatchSize)
                {
                }

                if (clock.GetUtcNow() >= nextRetention)
                {
                    await ForgetOldEventsAsync(stoppingToken);
                    nextRetention = clock.GetUtcNow() + RetentionCheckInterval;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogBatchFailed(logger, ex);
            }

            await work.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
        }
    }

    /// <returns>How many events were claimed.</returns>
    public async Task<int> ApplyBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var appliers = scope.ServiceProvider.GetServices<IInboundEventApplier>().ToDictionary(a => a.Channel);
        // The worker manages its own savepoints; EF's automatic ones would double the round trips.
        db.Database.AutoSavepointsEnabled = false;
        db.HoldEvents = true;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var events = await db.InboundEvents
            .FromSql($"SELECT * FROM inbound_events WHERE processed_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }

        var inboxIds = events.Select(e => e.InboxId).Distinct().ToList();
        var inboxes = await db.Inboxes.AsNoTracking().Where(i => inboxIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var applied = new List<long>(events.Count);
        foreach (var inboundEvent in events)
        {
            if (await ApplyOneAsync(db, inboundEvent, inboxes[inboundEvent.InboxId], appliers, cancellationToken))
            {
                applied.Add(inboundEvent.Id);
            }
        }

        var now = clock.GetUtcNow();
        await db.InboundEvents.Where(e => applied.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, now), cancellationToken);
        await db.PublishHeldEventsAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>Applies one event under a savepoint; a failure rolls back only this event and schedules its retry.</summary>
    private async Task<bool> ApplyOneAsync(OmnichannelDb db, InboundEvent inboundEvent, Inbox inbox, Dictionary<Inboxes.ChannelType, IInboundEventApplier> appliers, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction!;
        var queuedEvents = db.QueuedEventCount;
        await transaction.CreateSavepointAsync("event", cancellationToken);
        try
        {
            await appliers[inbox.Channel].ApplyAsync(inboundEvent, inbox, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.ReleaseSavepointAsync("event", cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackToSavepointAsync("event", cancellationToken);
            db.DropEventsSince(queuedEvents);
            var attempts = inboundEvent.Attempts + 1;
            var retryAt = clock.GetUtcNow() + Backoff(attempts);
            var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            await db.InboundEvents.Where(e => e.Id == inboundEvent.Id).ExecuteUpdateAsync(
                s => s.SetProperty(e => e.Attempts, attempts).SetProperty(e => e.NextAttemptAt, retryAt).SetProperty(e => e.LastError, error),
                cancellationToken);
            LogEventFailed(logger, ex, inboundEvent.Id, inboundEvent.ProviderKey, attempts);
            return false;
        }
        finally
        {
            // Each event starts from a clean context: tracking a whole batch makes every save slower.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Applied events are kept <c>Inbound:RetentionDays</c> (default 30) for audit and replay, then
    /// deleted in chunks; unapplied ones are never deleted.
    /// </summary>
    public async Task<int> ForgetOldEventsAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(configuration.GetValue("Inbound:RetentionDays", 30));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        int deleted, total = 0;
        do
        {
            deleted = await db.Database.ExecuteSqlAsync(
                $"DELETE FROM inbound_events WHERE id IN (SELECT id FROM inbound_events WHERE processed_at < {cutoff} LIMIT 5000)",
                cancellationToken);
            total += deleted;
        }
        while (deleted > 0);

        return total;
    }

    /// <summary>Quick retries first (most failures are races with a concurrent writer), then up to an hour apart. Never dropped.</summary>
    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, attempts - 1)));

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound event batch failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound event {EventId} ({ProviderKey}) failed on attempt {Attempts}; will retry")]
    private static partial void LogEventFailed(ILogger logger, Exception ex, long eventId, string providerKey, int attempts);
}
