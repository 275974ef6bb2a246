using MudBlazor;

namespace Omnichannel.Web.Components.Settings;

/// <summary>How the settings pages open their editors.</summary>
public static class SettingsDialogs
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, BackdropClick = false };
}
