using System.Text.Json.Nodes;
using Omnichannel.Channels.Indicators;
using Omnichannel.Indicators;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Instagram;

/// <summary>Sender actions toward the customer: <c>mark_seen</c>, <c>typing_on</c>, <c>typing_off</c>, addressed to their IGSID.</summary>
public sealed class InstagramSignalSender(IHttpClientFactory httpClients, InboxSecrets secrets) : ICustomerSignalSender
{
    public ChannelType Channel => ChannelType.Instagram;

    public async Task<string?> SendAsync(Inbox inbox, CustomerSignal signal, CancellationToken cancellationToken)
    {
        if (signal.Recipient is null)
        {
            return "the contact has no Instagram id";
        }

        var action = signal.Kind switch
        {
            CustomerSignalKind.Seen => "mark_seen",
            CustomerSignalKind.Typing => "typing_on",
            _ => "typing_off",
        };
        var body = new JsonObject { ["recipient"] = new JsonObject { ["id"] = signal.Recipient }, ["sender_action"] = action };
        using var request = InstagramSender.MessagesRequest(InstagramInbox.From(inbox, secrets), GraphSignal.Body(body));
        return await GraphSignal.SendAsync(httpClients.CreateClient(InstagramSender.HttpClientName), request, cancellationToken);
    }
}
