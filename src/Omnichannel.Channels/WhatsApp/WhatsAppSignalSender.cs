using System.Text.Json.Nodes;
using Omnichannel.Channels.Indicators;
using Omnichannel.Indicators;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>
/// Read receipts and the typing indicator toward the customer: both are a "read" status on the
/// customer's message (shared/docs/channels.md §1.8); typing adds <c>typing_indicator</c>, which
/// WhatsApp hides after 25 s or at our next message, so there is no "stopped typing" to send.
/// </summary>
public sealed class WhatsAppSignalSender(IHttpClientFactory httpClients, InboxSecrets secrets) : ICustomerSignalSender
{
    public ChannelType Channel => ChannelType.WhatsApp;

    public async Task<string?> SendAsync(Inbox inbox, CustomerSignal signal, CancellationToken cancellationToken)
    {
        if (signal.Kind == CustomerSignalKind.StoppedTyping)
        {
            return null;
        }

        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["status"] = "read", ["message_id"] = signal.CustomerMessageId };
        if (signal.Kind == CustomerSignalKind.Typing)
        {
            body["typing_indicator"] = new JsonObject { ["type"] = "text" };
        }

        using var request = WhatsAppSender.MessagesRequest(WhatsAppInbox.From(inbox, secrets), GraphSignal.Body(body));
        return await GraphSignal.SendAsync(httpClients.CreateClient(WhatsAppSender.HttpClientName), request, cancellationToken);
    }
}
