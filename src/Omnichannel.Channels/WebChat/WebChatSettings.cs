using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WebChat;

/// <summary>
/// Public settings of a web-chat inbox. <see cref="PublicToken"/> names the inbox in the snippet a
/// site pastes (it is public by design, unlike the database id); an empty <see cref="AllowedOrigins"/>
/// lets any site embed the widget.
/// </summary>
public sealed record WebChatSettings(
    string PublicToken,
    string SiteName,
    IReadOnlyList<string> AllowedOrigins,
    string Color,
    string Greeting,
    string Language,
    bool PreChatForm,
    IReadOnlyList<string> PreChatRequired)
{
    public const string DefaultColor = "#1F6FEB";
    public static readonly string[] Languages = ["en", "pt-BR"];
    public static readonly string[] PreChatFields = ["name", "email"];

    public bool AllowsOrigin(string? origin) =>
        AllowedOrigins.Count == 0 || origin is null || AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);
}

/// <summary>The identity-verification secret (HMAC key); encrypted at rest, never returned by the API after it was shown once.</summary>
public sealed record WebChatSecrets(string IdentitySecret)
{
    public static WebChatSecrets New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    public static string Serialize(WebChatSecrets secrets) => JsonSerializer.Serialize(secrets, WebChatJson.Default.WebChatSecrets);
}

/// <summary>A web-chat inbox with its settings read and secrets decrypted.</summary>
public sealed record WebChatInbox(Inbox Inbox, WebChatSettings Settings, WebChatSecrets Secrets)
{
    public static WebChatInbox From(Inbox inbox, InboxSecrets secrets) => new(
        inbox,
        JsonSerializer.Deserialize(inbox.Settings, WebChatJson.Default.WebChatSettings)!,
        JsonSerializer.Deserialize(secrets.Unprotect(inbox.EncryptedSecrets), WebChatJson.Default.WebChatSecrets)!);
}

/// <summary>Validates what an admin submits for a new web-chat inbox; generates the public token and the identity secret.</summary>
public sealed partial class WebChatChannel : IChannelDefinition
{
    public const int MaxGreetingLength = 500;

    public ChannelType Channel => ChannelType.WebChat;

    /// <summary>Web chat has no provider webhook; the "URL to paste" is the widget script.</summary>
    public string WebhookPath => "/widget.js";

    public ChannelSettings ReadSettings(JsonElement settings, string? currentRoutingKey = null)
    {
        var errors = new Dictionary<string, string>();
        string? Text(string name) =>
            settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()?.Trim()
                : null;
        JsonElement? Property(string name) =>
            settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
        List<string> Strings(string name)
        {
            if (Property(name) is not { } value)
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                errors[$"settings.{name}"] = $"'{name}' must be a list of strings.";
                return [];
            }

            return [.. value.EnumerateArray().Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0)];
        }

        var siteName = Text("siteName") ?? "";
        if (siteName.Length > 200)
        {
            errors["settings.siteName"] = "'siteName' must be 200 characters or fewer.";
        }

        var origins = Strings("allowedOrigins").Select(o => o.TrimEnd('/')).ToList();
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/")
            {
                errors["settings.allowedOrigins"] = $"'{origin}' is not an origin like https://shop.example.com.";
            }
        }

        var color = Text("color") is { Length: > 0 } c ? c : WebChatSettings.DefaultColor;
        if (!ColorPattern().IsMatch(color))
        {
            errors["settings.color"] = "'color' is a hex colour like #1F6FEB.";
        }

        var greeting = Text("greeting") ?? "";
        if (greeting.Length > MaxGreetingLength)
        {
            errors["settings.greeting"] = $"'greeting' must be {MaxGreetingLength} characters or fewer.";
        }

        var language = Text("language") is { Length: > 0 } l ? l : "en";
        var knownLanguage = WebChatSettings.Languages.FirstOrDefault(k => k.Equals(language, StringComparison.OrdinalIgnoreCase));
        if (knownLanguage is null)
        {
            errors["settings.language"] = "'language' must be en or pt-BR.";
        }

        var preChat = Property("preChatForm") is { } p ? p.ValueKind == JsonValueKind.True : false;
        if (Property("preChatForm") is { ValueKind: not (JsonValueKind.True or JsonValueKind.False) })
        {
            errors["settings.preChatForm"] = "'preChatForm' must be true or false.";
        }

        var required = Strings("preChatRequired");
        if (required.Any(f => !WebChatSettings.PreChatFields.Contains(f)))
        {
            errors["settings.preChatRequired"] = "'preChatRequired' may hold name and email.";
        }

        var secret = Text("identitySecret") is { Length: > 0 } given ? given : null;
        if (secret is { Length: < 16 })
        {
            errors["settings.identitySecret"] = "'identitySecret' must have at least 16 characters (leave it out to have one generated).";
        }

        if (errors.Count > 0)
        {
            return ChannelSettings.Invalid(errors);
        }

        // The public token is in every site's snippet: an edit keeps it.
        var token = currentRoutingKey ?? "wc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var publicSettings = new WebChatSettings(token, siteName, origins, color.ToUpperInvariant(), greeting, knownLanguage!, preChat, [.. required.Distinct()]);
        var generated = secret is null ? WebChatSecrets.New() : null;
        return new ChannelSettings(
            token,
            JsonSerializer.Serialize(publicSettings, WebChatJson.Default.WebChatSettings),
            WebChatSecrets.Serialize(generated ?? new WebChatSecrets(secret!)),
            errors,
            // The admin left it blank: the creating answer is their one chance to copy it.
            generated is null ? null : new Dictionary<string, string> { ["identitySecret"] = generated.IdentitySecret });
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebChatSettings))]
[JsonSerializable(typeof(WebChatSecrets))]
internal sealed partial class WebChatJson : JsonSerializerContext;
