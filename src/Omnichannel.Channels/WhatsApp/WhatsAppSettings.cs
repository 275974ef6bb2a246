using System.Text.Json;
using System.Text.RegularExpressions;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>Public settings of a WhatsApp inbox. The base URL is a setting so tests (and proxies) can stand in for Meta.</summary>
public sealed record WhatsAppSettings(string PhoneNumberId, string GraphApiBaseUrl, string ApiVersion)
{
    public const string DefaultGraphApiBaseUrl = "https://graph.facebook.com";
    public const string DefaultApiVersion = "v23.0";
}

/// <summary>Credentials of a WhatsApp inbox; stored encrypted, never returned by the API.</summary>
public sealed record WhatsAppSecrets(string AccessToken, string AppSecret, string VerifyToken);

/// <summary>A WhatsApp inbox with its settings read and secrets decrypted.</summary>
public sealed record WhatsAppInbox(Inbox Inbox, WhatsAppSettings Settings, WhatsAppSecrets Secrets)
{
    public static WhatsAppInbox From(Inbox inbox, InboxSecrets secrets) => new(
        inbox,
        JsonSerializer.Deserialize(inbox.Settings, WhatsAppJson.Default.WhatsAppSettings)!,
        JsonSerializer.Deserialize(secrets.Unprotect(inbox.EncryptedSecrets), WhatsAppJson.Default.WhatsAppSecrets)!);
}

/// <summary>Validates what an admin submits for a new WhatsApp inbox.</summary>
public sealed partial class WhatsAppChannel : IChannelDefinition
{
    public const string WebhookRoute = "/webhooks/whatsapp";

    public ChannelType Channel => ChannelType.WhatsApp;

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
            settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        var phoneNumberId = Required("phoneNumberId");
        var accessToken = Required("accessToken");
        var appSecret = Required("appSecret");
        var verifyToken = Required("verifyToken");
        var baseUrl = Optional("graphApiBaseUrl")?.Trim().TrimEnd('/') ?? WhatsAppSettings.DefaultGraphApiBaseUrl;
        var apiVersion = Optional("apiVersion")?.Trim() ?? WhatsAppSettings.DefaultApiVersion;

        if (phoneNumberId.Length > 0 && !phoneNumberId.All(char.IsAsciiDigit))
        {
            errors["settings.phoneNumberId"] = "'phoneNumberId' is the numeric id Meta shows for the number (not the phone number with +).";
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
            phoneNumberId,
            JsonSerializer.Serialize(new WhatsAppSettings(phoneNumberId, baseUrl, apiVersion), WhatsAppJson.Default.WhatsAppSettings),
            JsonSerializer.Serialize(new WhatsAppSecrets(accessToken, appSecret, verifyToken), WhatsAppJson.Default.WhatsAppSecrets),
            errors);
    }

    [GeneratedRegex(@"^v\d{1,3}\.\d{1,3}$")]
    private static partial Regex ApiVersionPattern();
}
