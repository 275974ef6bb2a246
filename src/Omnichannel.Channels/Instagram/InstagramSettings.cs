using System.Text.Json;
using System.Text.RegularExpressions;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Instagram;

/// <summary>Public settings of an Instagram inbox. The base URL is a setting so tests (and proxies) can stand in for Meta.</summary>
public sealed record InstagramSettings(string InstagramAccountId, string GraphApiBaseUrl, string ApiVersion)
{
    /// <summary>Instagram API with Instagram Login (no Facebook Page needed); use https://graph.facebook.com with a Page token for Facebook Login.</summary>
    public const string DefaultGraphApiBaseUrl = "https://graph.instagram.com";
    public const string DefaultApiVersion = "v23.0";
}

/// <summary>Credentials of an Instagram inbox; stored encrypted, never returned by the API.</summary>
public sealed record InstagramSecrets(string AccessToken, string AppSecret, string VerifyToken);

/// <summary>An Instagram inbox with its settings read and secrets decrypted.</summary>
public sealed record InstagramInbox(Inbox Inbox, InstagramSettings Settings, InstagramSecrets Secrets)
{
    public static InstagramInbox From(Inbox inbox, InboxSecrets secrets) => new(
        inbox,
        JsonSerializer.Deserialize(inbox.Settings, InstagramJson.Default.InstagramSettings)!,
        JsonSerializer.Deserialize(secrets.Unprotect(inbox.EncryptedSecrets), InstagramJson.Default.InstagramSecrets)!);
}

/// <summary>Validates what an admin submits for a new Instagram inbox; the routing key is the Instagram account id.</summary>
public sealed partial class InstagramChannel : IChannelDefinition
{
    public const string WebhookRoute = "/webhooks/instagram";

    public ChannelType Channel => ChannelType.Instagram;

    public string WebhookPath => WebhookRoute;

    public ChannelSettings ReadSettings(JsonElement settings)
    {
        var errors = new Dictionary<string, string>();
        string Required(string name)
        {
            var value = Optional(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[$"settings.{name}"] = $"'{name}' is required.";
            }

            return value?.Trim() ?? "";
        }

        string? Optional(string name) =>
            settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()
                : null;

        var accountId = Required("instagramAccountId");
        var accessToken = Required("accessToken");
        var appSecret = Required("appSecret");
        var verifyToken = Required("verifyToken");
        var baseUrl = Optional("graphApiBaseUrl")?.Trim().TrimEnd('/') ?? InstagramSettings.DefaultGraphApiBaseUrl;
        var apiVersion = Optional("apiVersion")?.Trim() ?? InstagramSettings.DefaultApiVersion;

        if (accountId.Length > 0 && (!accountId.All(char.IsAsciiDigit) || accountId.Length > 30))
        {
            errors["settings.instagramAccountId"] = "'instagramAccountId' is the numeric id of the Instagram professional account (as in the webhook's entry.id), not the @username.";
        }

        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors["settings.graphApiBaseUrl"] = "'graphApiBaseUrl' must be an absolute http(s) URL.";
        }

        if (!ApiVersionPattern().IsMatch(apiVersion))
        {
            errors["settings.apiVersion"] = "'apiVersion' looks like v23.0.";
        }

        if (errors.Count > 0)
        {
            return ChannelSettings.Invalid(errors);
        }

        return new ChannelSettings(
            accountId,
            JsonSerializer.Serialize(new InstagramSettings(accountId, baseUrl, apiVersion), InstagramJson.Default.InstagramSettings),
            JsonSerializer.Serialize(new InstagramSecrets(accessToken, appSecret, verifyToken), InstagramJson.Default.InstagramSecrets),
            errors);
    }

    [GeneratedRegex(@"^v\d{1,3}\.\d{1,3}$")]
    private static partial Regex ApiVersionPattern();
}
