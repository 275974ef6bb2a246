using System.Text.Json;
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

    public static string Icon(ChannelType channel) => Shared.ChannelMarks.Icon(channel);

    public static IReadOnlyList<string> Secrets(ChannelType channel) => channel switch
    {
        ChannelType.WhatsApp or ChannelType.Instagram => ["accessToken", "appSecret", "verifyToken"],
        ChannelType.WebChat => ["identitySecret"],
        _ => [],
    };

    /// <summary>A public setting's value (settings are stored as the channel wrote them; names match case-insensitively).</summary>
    public static string? Value(JsonElement settings, string name)
    {
        if (settings.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in settings.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.ToString();
            }
        }

        return null;
    }

    /// <summary>Where the provider must send webhooks: <c>App:PublicBaseUrl</c> when set (behind a proxy), else the address the admin is using.</summary>
    public static string WebhookUrl(IConfiguration configuration, string browserBaseUri, string path)
    {
        var baseUrl = configuration["App:PublicBaseUrl"] is { Length: > 0 } configured ? configured : browserBaseUri;
        return baseUrl.TrimEnd('/') + path;
    }
}
