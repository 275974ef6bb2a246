using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Omnichannel.Channels.Work;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Channels.Outbound;

/// <summary>
/// Delivers outbox rows to providers. A row is leased before sending (so two instances never send
/// it at the same time), retried with exponential backoff on transient failures, and marked Sent
/// or Failed for good; a Sent row is never picked again, also after a restart. Rows of one
/// conversation go out in order: a row waits while an older one of its conversation is pending.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, OutboxWork work, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    : LeasedRowsWorker<long>(logger)
{
    private const int BatchSize = 20;
    private readonly OutboxOptions _options = options.Value;

    protected override int Parallelism => 4;

    protected override Task WaitAsync(CancellationToken cancellationToken) => work.WaitAsync(_options.PollInterval, cancellationToken);

    protected override async Task<IReadOnlyList<long>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE outbox_messages o SET leased_until = now() + $1, attempts = o.attempts + 1
            WHERE o.id IN (
                SELECT c.id FROM outbox_messages c
                WHERE c.status = 'Pending' AND c.next_attempt_at <= now() AND (c.leased_until IS NULL OR c.leased_until < now())
                  AND NOT EXISTS (SELECT 1 FROM outbox_messages p WHERE p.conversation_id = c.conversation_id AND p.status = 'Pending' AND p.id < c.id)
                ORDER BY c.id LIMIT $2
                FOR UPDATE SKIP LOCKED)
            RETURNING o.id
            """);
        command.Parameters.AddWithValue(_options.Lease);
        command.Parameters.AddWithValue(BatchSize);
        return await ReadIdsAsync(command, cancellationToken);
    }

    protected override async ValueTask WorkAsync(long outboxId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(o => o.Id == outboxId, cancellationToken);
        var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == row.MessageId, cancellationToken);
        var inbox = await db.Inboxes.AsNoTracking().SingleAsync(i => i.Id == row.InboxId, cancellationToken);
        var contactId = await db.Conversations.Where(c => c.Id == row.ConversationId).Select(c => c.ContactId).SingleAsync(cancellationToken);
        var recipient = await db.ContactIdentities.AsNoTracking().Where(i => i.ContactId == contactId && i.Channel == inbox.Channel).ToListAsync(cancellationToken);
        var sender = scope.ServiceProvider.GetServices<IChannelSender>().Single(s => s.Channel == inbox.Channel);
        var attachments = await db.MessageAttachments.AsNoTracking().Where(a => a.MessageId == message.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);

        SendResult result;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_options.SendTimeout);
            try
            {
                result = await sender.SendAsync(new OutgoingMessage(inbox, message, recipient, attachments), timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = SendResult.Transient("The provider did not answer in time.");
            }
        }

        // Delivery receipts may have updated the message while we were sending: record the outcome
        // on fresh rows, and again if a receipt lands between reading and writing. Not cancellable:
        // once the provider has the message, recording that must not be skipped on shutdown.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RecordAsync(db, outboxId, result);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task RecordAsync(OmnichannelDb db, long outboxId, SendResult result)
    {
        var row = await db.OutboxMessages.SingleAsync(o => o.Id == outboxId);
        var message = await db.Messages.SingleAsync(m => m.Id == row.MessageId);
        var now = clock.GetUtcNow();
        row.LeasedUntil = null;
        row.LastError = result.Error;
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                row.Status = OutboxStatus.Sent;
                row.SentAt = now;
                message.ProviderMessageId = result.ProviderMessageId;
                message.ApplyDeliveryStatus(DeliveryStatus.Sent);
                break;
            case SendOutcome.Transient when row.Attempts < _options.MaxAttempts:
                row.NextAttemptAt = now + Max(result.RetryAfter, RetryDelay(row.Attempts));
                LogRetry(logger, row.Id, row.Attempts, result.Error);
                break;
            default:
                row.Status = OutboxStatus.Failed;
                var error = result.Outcome == SendOutcome.Transient ? $"Gave up after {row.Attempts} attempts: {result.Error}" : result.Error;
                message.ApplyDeliveryStatus(DeliveryStatus.Failed, error, result.ErrorCode);
                LogFailed(logger, row.Id, error);
                break;
        }

        db.Publish(new InboxEvent(InboxEventKind.MessageUpdated, row.InboxId, row.ConversationId, message.Id));
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Exponential backoff; also the delay before retrying a send the provider later reported as rate limited.</summary>
    public static TimeSpan RetryDelay(OutboxOptions options, int attempts)
    {
        var delay = options.RetryBaseDelay * Math.Pow(2, attempts - 1);
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    private TimeSpan RetryDelay(int attempts) => RetryDelay(_options, attempts);

    /// <summary>A provider's Retry-After is honoured, but never shortens our own backoff (a "0" would hammer it).</summary>
    private static TimeSpan Max(TimeSpan? retryAfter, TimeSpan backoff) => retryAfter is { } r && r > backoff ? r : backoff;

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {OutboxId} attempt {Attempts} failed transiently ({Error}); will retry")]
    private static partial void LogRetry(ILogger logger, long outboxId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId} failed for good: {Error}")]
    private static partial void LogFailed(ILogger logger, long outboxId, string? error);
}
