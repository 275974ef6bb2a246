using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Omnichannel.Attachments;
using Omnichannel.Channels.Work;
using Omnichannel.Data;
using Omnichannel.Realtime;

namespace Omnichannel.Channels.Attachments;

/// <summary>
/// Downloads customers' media after the webhook was acknowledged and its message stored. Rows are
/// leased (several instances can run), retried with backoff, and end Stored or Failed with a
/// reason the agent sees (and may retry) — a download never disappears silently.
/// </summary>
public sealed partial class AttachmentDownloadWorker(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IOptions<AttachmentOptions> options, TimeProvider clock, ILogger<AttachmentDownloadWorker> logger)
    : LeasedRowsWorker<Guid>(logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly AttachmentOptions _options = options.Value;

    protected override int Parallelism => 2;

    protected override Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);

    protected override async Task<IReadOnlyList<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE message_attachments a SET next_attempt_at = now() + $1, attempts = a.attempts + 1
            WHERE a.id IN (
                SELECT c.id FROM message_attachments c
                WHERE c.status = 'Pending' AND c.next_attempt_at <= now()
                ORDER BY c.next_attempt_at LIMIT 10
                FOR UPDATE SKIP LOCKED)
            RETURNING a.id
            """);
        command.Parameters.AddWithValue(Lease);
        return await ReadIdsAsync(command, cancellationToken);
    }

    protected override async ValueTask WorkAsync(Guid attachmentId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var attachment = await db.MessageAttachments.SingleAsync(a => a.Id == attachmentId, cancellationToken);
        var inbox = await db.Inboxes.AsNoTracking().SingleAsync(i => i.Id == attachment.InboxId, cancellationToken);
        var downloader = scope.ServiceProvider.GetServices<IAttachmentDownloader>().FirstOrDefault(d => d.Channel == inbox.Channel);

        DownloadResult result;
        try
        {
            result = downloader is null
                ? DownloadResult.Failed($"The {inbox.Channel} channel cannot download media.")
                : await downloader.DownloadAsync(inbox, attachment, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = DownloadResult.Transient(ex.Message);
        }

        if (result.File is { } file)
        {
            attachment.MarkStored(file, result.ContentType ?? attachment.ContentType ?? "application/octet-stream", result.Kind);
        }
        else if (result.Permanent || attachment.Attempts >= _options.MaxDownloadAttempts)
        {
            attachment.MarkFailed(result.Error ?? "Unknown error.");
            LogFailed(logger, attachment.Id, result.Error);
        }
        else
        {
            attachment.NextAttemptAt = clock.GetUtcNow() + _options.DownloadRetryBaseDelay * Math.Pow(2, attachment.Attempts - 1);
            LogRetry(logger, attachment.Id, attachment.Attempts, result.Error);
        }

        var conversationId = await db.Messages.Where(m => m.Id == attachment.MessageId).Select(m => m.ConversationId).SingleAsync(CancellationToken.None);
        db.Publish(new InboxEvent(InboxEventKind.MessageUpdated, attachment.InboxId, conversationId, attachment.MessageId));
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} download attempt {Attempts} failed ({Error}); will retry")]
    private static partial void LogRetry(ILogger logger, Guid attachmentId, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment {AttachmentId} could not be downloaded: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid attachmentId, string? error);
}
