using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Channels.Instagram;

/// <summary>Applies one stored Instagram event (message, echo, unsend, reaction, read) to the conversation domain.</summary>
public sealed partial class InstagramEventApplier(
    OmnichannelDb db, CustomerMessages customerMessages, InstagramProfiles profiles, InboxSecrets secrets, ILogger<InstagramEventApplier> logger)
    : IInboundEventApplier
{
    public ChannelType Channel => ChannelType.Instagram;

    public async Task ApplyAsync(InboundEvent inboundEvent, Inbox inbox, CancellationToken cancellationToken)
    {
        var payload = InstagramJson.Parse(inboundEvent.Payload)!;
        var item = InstagramEvents.Items(payload).FirstOrDefault(i => i.AccountId == inbox.RoutingKey && i.Key == inboundEvent.ProviderKey);
        if (item is null)
        {
            LogItemMissing(logger, inboundEvent.ProviderKey);
            return;
        }

        switch (item.Kind)
        {
            case IgEventKind.Message or IgEventKind.Postback:
                await customerMessages.ReceiveAsync(inbox, InstagramEvents.ToCustomerMessage(item, await NewContactNameAsync(inbox, item.CustomerId, cancellationToken)), cancellationToken);
                break;
            case IgEventKind.Echo:
                var echo = item.Event.Message!;
                await customerMessages.RecordSentElsewhereAsync(
                    inbox, InstagramEvents.Identity(item.CustomerId), InstagramEvents.Describe(echo), echo.Mid!, InstagramEvents.Time(item.Event.Timestamp), cancellationToken);
                break;
            case IgEventKind.Deleted:
                await UpdateMessageAsync(inbox, item.Event.Message!.Mid!, m => m.Unsend(), cancellationToken);
                break;
            case IgEventKind.Reaction:
                var reaction = item.Event.Reaction!;
                var emoji = reaction.Action == "unreact" ? null : reaction.Emoji ?? ReactionEmoji(reaction.Reaction);
                await UpdateMessageAsync(inbox, reaction.Mid!, m => m.React(emoji), cancellationToken);
                break;
            case IgEventKind.Read:
                await MarkReadAsync(inbox, item, cancellationToken);
                break;
            default:
                LogIgnored(logger, inboundEvent.ProviderKey);
                break;
        }
    }

    /// <summary>The profile name, fetched only for a customer we do not know yet (known contacts keep the name agents may have edited).</summary>
    private async Task<string?> NewContactNameAsync(Inbox inbox, string igsid, CancellationToken cancellationToken)
    {
        var known = await db.ContactIdentities.AnyAsync(i => i.Channel == ChannelType.Instagram && i.ExternalId == igsid, cancellationToken);
        return known ? null : await profiles.NameAsync(InstagramInbox.From(inbox, secrets), igsid, cancellationToken);
    }

    private async Task UpdateMessageAsync(Inbox inbox, string mid, Func<Message, bool> change, CancellationToken cancellationToken)
    {
        var message = await db.Messages.FirstOrDefaultAsync(m => m.InboxId == inbox.Id && m.ProviderMessageId == mid, cancellationToken);
        if (message is null)
        {
            // About a message from before the inbox was connected (or never stored): nothing to show it on.
            LogUnknownMessage(logger, mid);
            return;
        }

        if (change(message))
        {
            db.Publish(new InboxEvent(InboxEventKind.MessageUpdated, inbox.Id, message.ConversationId, message.Id));
        }
    }

    /// <summary>Seen up to a message (Instagram's mid, or the Messenger watermark): our messages up to then are read.</summary>
    private async Task MarkReadAsync(Inbox inbox, IgItem item, CancellationToken cancellationToken)
    {
        var read = item.Event.Read!;
        Guid conversationId;
        DateTimeOffset upTo;
        if (read.Mid is { Length: > 0 } mid)
        {
            var seen = await db.Messages.Where(m => m.InboxId == inbox.Id && m.ProviderMessageId == mid)
                .Select(m => new { m.ConversationId, m.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
            if (seen is null)
            {
                LogUnknownMessage(logger, mid);
                return;
            }

            (conversationId, upTo) = (seen.ConversationId, seen.CreatedAt);
        }
        else
        {
            var conversation = await db.Conversations
                .Where(c => c.InboxId == inbox.Id && c.MergedIntoId == null
                    && db.ContactIdentities.Any(i => i.ContactId == c.ContactId && i.Channel == ChannelType.Instagram && i.ExternalId == item.CustomerId))
                .OrderByDescending(c => c.LastActivityAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (conversation is not { } id)
            {
                return;
            }

            (conversationId, upTo) = (id, InstagramEvents.Time(read.Watermark));
        }

        var unread = await db.Messages
            .Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Outgoing && m.CreatedAt <= upTo
                && (m.Status == DeliveryStatus.Sent || m.Status == DeliveryStatus.Delivered))
            .ToListAsync(cancellationToken);
        foreach (var message in unread.Where(m => m.ApplyDeliveryStatus(DeliveryStatus.Read)))
        {
            db.Publish(new InboxEvent(InboxEventKind.MessageUpdated, inbox.Id, conversationId, message.Id));
        }
    }

    /// <summary>Older payloads name the reaction instead of giving the emoji.</summary>
    private static string? ReactionEmoji(string? name) => name switch
    {
        "love" => "❤️",
        "like" => "👍",
        "haha" => "😆",
        "wow" => "😮",
        "sad" => "😢",
        "angry" => "😠",
        null or "" => null,
        _ => "👍",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored Instagram event {ProviderKey} has no matching item")]
    private static partial void LogItemMissing(ILogger logger, string providerKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instagram event {ProviderKey} is of a kind the inbox does not show; kept in inbound_events")]
    private static partial void LogIgnored(ILogger logger, string providerKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instagram event about unknown message {Mid}; nothing to update")]
    private static partial void LogUnknownMessage(ILogger logger, string mid);
}
