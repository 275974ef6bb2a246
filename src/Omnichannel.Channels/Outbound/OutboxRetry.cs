using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Realtime;

namespace Omnichannel.Channels.Outbound;

/// <summary>
/// A provider accepted a message and later reported, in a status webhook, that it failed for a
/// reason worth retrying (WhatsApp 130429/131056 rate limits). The message was never delivered, so
/// its outbox row goes back to pending with the usual backoff, and counts against the same
/// <see cref="OutboxOptions.MaxAttempts"/>; past that it fails visibly like a synchronous error.
/// </summary>
public sealed class OutboxRetry(OmnichannelDb db, IOptions<OutboxOptions> options, OutboxWork work, TimeProvider clock)
{
    /// <returns>Whether the message is pending again (false: the caller records the failure).</returns>
    public async Task<bool> TryRetryAsync(Guid inboxId, Guid? ourMessageId, string providerMessageId, string error, CancellationToken cancellationToken)
    {
        var message = ourMessageId is { } id
            ? await db.Messages.FirstOrDefaultAsync(m => m.Id == id && m.InboxId == inboxId, cancellationToken)
            : await db.Messages.FirstOrDefaultAsync(m => m.InboxId == inboxId && m.ProviderMessageId == providerMessageId, cancellationToken);
        if (message is null)
        {
            return false;
        }

        var row = await db.OutboxMessages.FirstOrDefaultAsync(o => o.MessageId == message.Id, cancellationToken);
        if (row is not { Status: OutboxStatus.Sent } || row.Attempts >= options.Value.MaxAttempts || !message.ReturnToPending())
        {
            return false;
        }

        row.Status = OutboxStatus.Pending;
        row.SentAt = null;
        row.LastError = error;
        row.NextAttemptAt = clock.GetUtcNow() + OutboxDispatcher.RetryDelay(options.Value, row.Attempts);
        db.Publish(new InboxEvent(InboxEventKind.MessageUpdated, inboxId, message.ConversationId, message.Id));
        work.Poke();
        return true;
    }
}
