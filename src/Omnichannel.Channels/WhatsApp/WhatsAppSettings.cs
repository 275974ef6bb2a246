using System.Text.Json;
using Omnichannel.Channels.Inbound;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>Public settings of a WhatsApp inbox. The base URL is a setting so tests (and proxies) can stand in for Meta.</summary>
public sealed record WhatsAppSettings(string PhoneNumberId, string GraphApiBaseUrl, string ApiVersion)
{
    public const string DefaultGraphApiBaseUrl = "https://graph.facebook.com";
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
public sealed class WhatsAppChannel : IChannelDefinition
{
    public const string WebhookRoute = "/webhooks/whatsapp";

    public ChannelType Channel => ChannelType.WhatsApp;

    public string WebhookPath => WebhookRoute;

    public ChannelSettings ReadSettings(JsonElement settings, string? currentRoutingKey = null)
    {
        var errors = new Dictionary<string, string>();
        var fields = MetaAppFields.Read(settings, "phoneNumberId", WhatsAppSettings.DefaultGraphApiBaseUrl, AccountIdProblem, errors);
        if (errors.Count > 0)
        {
            return ChannelSettings.Invalid(errors);
        }

        return new ChannelSettings(
            fields.AccountId,
            JsonSerializer.Serialize(new WhatsAppSettings(fields.AccountId, fields.GraphApiBaseUrl, fields.ApiVersion), WhatsAppJson.Default.WhatsAppSettings),
            JsonSerializer.Serialize(new WhatsAppSecrets(fields.AccessToken, fields.AppSecret, fields.VerifyToken), WhatsAppJson.Default.WhatsAppSecrets),
            errors);
    }

    private static string? AccountIdProblem(string id) => id.All(char.IsAsciiDigit)
        ? null
        : "'phoneNumberId' is the numeric id Meta shows for the number (not the phone number with +).";
}
