using Microsoft.EntityFrameworkCore;
using Omnichannel.Conversations;
using Omnichannel.Data;

namespace Omnichannel.Indicators;

/// <summary>
/// Decides whether the customer hears of an agent reading or typing, and queues the signal. Only
/// on channels with a signal sender, and only inside the free-form window (the provider would
/// refuse it after, and a "seen" days later tells the customer nothing useful).
/// </summary>
public sealed class CustomerSignals(OmnichannelDb db, IEnumerable<ICustomerSignalSender> senders, CustomerSignalQueue queue, TypingThrottle throttle, TimeProvider clock)
{
    /// <summary>
    /// Marks the newest customer message as seen at the provider, once: the claim on the row makes
    /// a second tab, a second agent or a reload skip it (marking the newest marks the earlier ones too).
    /// </summary>
    public async Task SeenAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        if (await NewestCustomerMessageAsync(conversation, cancellationToken) is not { } target || target.SeenReported)
        {
            return;
        }

        var claimed = await db.Messages
            .Where(m => m.Id == target.MessageId && m.SeenReportedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.SeenReportedAt, clock.GetUtcNow()), cancellationToken);
        if (claimed == 1)
        {
            queue.Enqueue(target.Signal(CustomerSignalKind.Seen, conversation));
        }
    }

    /// <summary>The agent is writing (throttled per conversation) or stopped (an explicit "off" only if "on" may still show).</summary>
    public async Task TypingAsync(Conversation conversation, bool typing, CancellationToken cancellationToken)
    {
        var worthIt = typing ? throttle.TryStart(conversation.Id) : throttle.Stop(conversation.Id);
        if (worthIt && await NewestCustomerMessageAsync(conversation, cancellationToken) is { } target)
        {
            queue.Enqueue(target.Signal(typing ? CustomerSignalKind.Typing : CustomerSignalKind.StoppedTyping, conversation));
        }
    }

    private async Task<Target?> NewestCustomerMessageAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var channel = await db.Inboxes.Where(i => i.Id == conversation.InboxId).Select(i => i.Channel).FirstAsync(cancellationToken);
        if (!senders.Any(s => s.Channel == channel) || !ReplyWindow.For(channel, conversation.LastIncomingAt, clock.GetUtcNow()).AllowsFreeForm)
        {
            return null;
        }

        var newest = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Direction == MessageDirection.Incoming && m.Kind == MessageKind.Message && m.ProviderMessageId != null)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.Id, m.ProviderMessageId, m.SeenReportedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
        {
            return null;
        }

        var recipient = await db.ContactIdentities.AsNoTracking()
            .Where(i => i.ContactId == conversation.ContactId && i.Channel == channel)
            .Select(i => i.ExternalId)
            .FirstOrDefaultAsync(cancellationToken);
        return new Target(newest.Id, newest.ProviderMessageId!, newest.SeenReportedAt is not null, recipient);
    }

    private sealed record Target(Guid MessageId, string ProviderMessageId, bool SeenReported, string? Recipient)
    {
        public CustomerSignal Signal(CustomerSignalKind kind, Conversation conversation) =>
            new(kind, conversation.InboxId, conversation.Id, ProviderMessageId, Recipient);
    }
}
