using Microsoft.Extensions.Logging;
using Omnichannel.Channels.Outbound;
using Omnichannel.Conversations;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>Applies one stored WhatsApp event (a message or a status) to the conversation domain.</summary>
public sealed partial class WhatsAppEventApplier(CustomerMessages customerMessages, OutboxRetry retry, ILogger<WhatsAppEventApplier> logger) : IInboundEventApplier
{
    public ChannelType Channel => ChannelType.WhatsApp;

    public async Task ApplyAsync(InboundEvent inboundEvent, Inbox inbox, CancellationToken cancellationToken)
    {
        var payload = WhatsAppEvents.Parse(inboundEvent.Payload)!;
        foreach (var value in WhatsAppEvents.ValuesFor(payload, inbox.RoutingKey))
        {
            foreach (var message in value.Messages ?? [])
            {
                if (message.Id is { } id && WhatsAppEvents.MessageKey(id) == inboundEvent.ProviderKey)
                {
                    await ReceiveAsync(inbox, value, message, cancellationToken);
                    return;
                }
            }

            foreach (var status in value.Statuses ?? [])
            {
                if (status.Id is { } id && status.Status is { } s && WhatsAppEvents.StatusKey(id, s) == inboundEvent.ProviderKey)
                {
                    await ApplyStatusAsync(inbox, status, cancellationToken);
                    return;
                }
            }
        }

        LogItemMissing(logger, inboundEvent.ProviderKey);
    }

    private async Task ReceiveAsync(Inbox inbox, WebhookValue value, WebhookMessage message, CancellationToken cancellationToken)
    {
        var customerMessage = WhatsAppEvents.ToCustomerMessage(value, message);
        if (customerMessage is null)
        {
            LogUnidentifiedSender(logger, message.Id);
            return;
        }

        await customerMessages.ReceiveAsync(inbox, customerMessage, cancellationToken);
    }

    private async Task ApplyStatusAsync(Inbox inbox, WebhookStatus status, CancellationToken cancellationToken)
    {
        if (WhatsAppEvents.ToDeliveryStatus(status.Status) is not { } delivery)
        {
            return;
        }

        var ourMessageId = WhatsAppEvents.OurMessageId(status.CallbackData);
        var error = delivery == DeliveryStatus.Failed ? WhatsAppErrors.Explain(status.Errors) : null;
        var code = delivery == DeliveryStatus.Failed ? status.Errors?.FirstOrDefault()?.Code : null;
        if (delivery == DeliveryStatus.Failed && WhatsAppErrors.IsTransient(code)
            && await retry.TryRetryAsync(inbox.Id, ourMessageId, status.Id!, error!, cancellationToken))
        {
            return;
        }

        await customerMessages.ApplyStatusAsync(inbox, ourMessageId, status.Id!, delivery, error, cancellationToken, WhatsAppErrors.Code(code));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored WhatsApp event {ProviderKey} has no matching item")]
    private static partial void LogItemMissing(ILogger logger, string providerKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp message {MessageId} has no sender identity; skipped")]
    private static partial void LogUnidentifiedSender(ILogger logger, string? messageId);
}
