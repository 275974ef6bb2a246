using MudBlazor;
using Omnichannel.Inboxes;

namespace Omnichannel.Web.Components.Shared;

/// <summary>The one icon each channel is shown with, wherever a conversation, inbox or identity names its channel.</summary>
public static class ChannelMarks
{
    public static string Icon(ChannelType channel) => channel switch
    {
        ChannelType.WhatsApp => Icons.Custom.Brands.WhatsApp,
        ChannelType.Instagram => Icons.Custom.Brands.Instagram,
        ChannelType.WebChat => Icons.Material.Outlined.Forum,
        _ => Icons.Material.Outlined.Chat,
    };
}
