namespace Omnichannel.Inboxes;

/// <summary>The kind of channel an inbox is connected to.</summary>
public enum ChannelType
{
    WhatsApp,
    Instagram,
    WebChat,
}
