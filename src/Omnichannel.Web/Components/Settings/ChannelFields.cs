using System.Text.Json;
using Microsoft.Extensions.Localization;
using Omnichannel.Inboxes;

namespace Omnichannel.Web.Components.Settings;

/// <summary>
/// What the settings screens show about a channel's configuration: its public settings by name, and
/// the names of its secrets (which are write-only: the screens say they are set, never what they are).
/// </summary>
public static class ChannelFields
{
    public static IReadOnlyList<string> PublicSettings(ChannelType channel) => channel switch
    {
        ChannelType.WhatsApp => ["phoneNumberId", "graphApiBaseUrl", "apiVersion"],
        ChannelType.Instagram => ["instagramAccountId", "graphApiBaseUrl", "apiVersion"],
        ChannelType.WebChat => ["siteName", "allowedOrigins", "color", "greeting", "language", "preChatForm", "preChatRequired"],
        _ => [],
    };

    /// <summary>The setting that identifies the inbox at the provider (and routes its webhooks).</summary>
    public static string RoutingSetting(ChannelType channel) => channel switch
    {
        ChannelType.Instagram => "instagramAccountId",
        ChannelType.WebChat => "siteName",
        _ => "phoneNumberId",
    };

    public static IReadOnlyList<string> Secrets(ChannelType channel) => channel switch
    {
        ChannelType.WhatsApp or ChannelType.Instagram => ["accessToken", "appSecret", "verifyToken"],
        ChannelType.WebChat => ["identitySecret"],
        _ => [],
    };

    /// <summary>A public setting's value (settings are stored as the channel wrote them; names match case-insensitively).</summary>
    public static string? Value(JsonElement settings, string name) =>
        Find(settings, name) is { } value ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString()) : null;

    private static JsonElement? Find(JsonElement settings, string name) =>
        settings.ValueKind == JsonValueKind.Object
            ? settings.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;

    /// <summary>
    /// A public setting as an admin reads it: lists joined, switches as yes/no, codes (language,
    /// pre-chat fields) by their localised name; "—" when unset.
    /// </summary>
    public static string Display(JsonElement settings, string name, IStringLocalizer<UiText> text)
    {
        var value = Find(settings, name);
        return value?.ValueKind switch
        {
            JsonValueKind.True or JsonValueKind.False => text[value.Value.GetBoolean() ? "Settings.Yes" : "Settings.No"],
            JsonValueKind.Array when value.Value.GetArrayLength() == 0 => Localised(text, name, "none", "—"),
            JsonValueKind.Array => string.Join(", ", value.Value.EnumerateArray().Select(v => Localised(text, name, v.ToString()))),
            JsonValueKind.String when value.Value.GetString() is { Length: > 0 } s => Localised(text, name, s),
            JsonValueKind.Number => value.Value.ToString(),
            _ => "—",
        };
    }

    private static string Localised(IStringLocalizer<UiText> text, string name, string code, string? fallback = null) =>
        text[$"Settings.Inboxes.Value.{name}.{code}"] is { ResourceNotFound: false } localised ? localised : fallback ?? code;
}
