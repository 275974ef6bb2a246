using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WebChat;

/// <summary>
/// "Sends" an agent reply to a web-chat visitor. There is no provider: once the outbox marks the reply
/// sent, the change event tells the visitor's widget (hub group of their contact) to fetch it, and a
/// visitor who is away reads it from the history on their next visit. The widget's fetch marks it delivered.
/// </summary>
public sealed class WebChatSender : IChannelSender
{
    public ChannelType Channel => ChannelType.WebChat;

    /// <summary>The widget shows only text; a file would never reach the visitor.</summary>
    public bool SendsFiles => false;

    public Task<SendResult> SendAsync(OutgoingMessage outgoing, CancellationToken cancellationToken) =>
        Task.FromResult(SendResult.Sent("webchat:" + outgoing.Message.Id.ToString("N")));
}
