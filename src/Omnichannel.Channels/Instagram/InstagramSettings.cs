using System.Text.Json;
using Omnichannel.Channels.Inbound;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Instagram;

/// <summary>Public settings of an Instagram inbox. The base URL is a setting so tests (and proxies) can stand in for Meta.</summary>
public sealed record InstagramSettings(string InstagramAccountId, string GraphApiBaseUrl, string ApiVersion)
{
    /// <summary>Instagram API with Instagram Login (no Facebook Page needed); use https://graph.facebook.com with a Page token for Facebook Login.</summary>
    public const string DefaultGraphApiBaseUrl = "https://graph.instagram.com";
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
public sealed class InstagramChannel : IChannelDefinition
{
    public const string WebhookRoute = "/webhooks/instagram";

    public ChannelType Channel => ChannelType.Instagram;

    public string WebhookPath => WebhookRoute;

    public ChannelSettings ReadSettings(JsonElement settings, string? currentRoutingKey = null)
    {
        var errors = new Dictionary<string, string>();
        var fields = MetaAppFields.Read(settings, "instagramAccountId", InstagramSettings.DefaultGraphApiBaseUrl, AccountIdProblem, errors);
        if (errors.Count > 0)
        {
            return ChannelSettings.Invalid(errors);
        }

        return new ChannelSettings(
            fields.AccountId,
            JsonSerializer.Serialize(new InstagramSettings(fields.AccountId, fields.GraphApiBaseUrl, fields.ApiVersion), InstagramJson.Default.InstagramSettings),
            JsonSerializer.Serialize(new InstagramSecrets(fields.AccessToken, fields.AppSecret, fields.VerifyToken), InstagramJson.Default.InstagramSecrets),
            errors);
    }

    private static string? AccountIdProblem(string id) => id.All(char.IsAsciiDigit) && id.Length <= 30
        ? null
        : "'instagramAccountId' is the numeric id of the Instagram professional account (as in the webhook's entry.id), not the @username.";
}
