using System.Text.Json;
using System.Text.RegularExpressions;

namespace Omnichannel.Channels.Inbound;

/// <summary>
/// What an admin submits to connect a Meta channel (WhatsApp, Instagram): the account id that routes
/// webhooks, the access token, the app secret that signs webhooks, the verify token of the handshake,
/// and where the Graph API is. Read and checked once here; each channel adds its account-id rule.
/// </summary>
public sealed partial record MetaAppFields(string AccountId, string AccessToken, string AppSecret, string VerifyToken, string GraphApiBaseUrl, string ApiVersion)
{
    public const string DefaultApiVersion = "v23.0";

    /// <summary>Reads the fields; problems go to <paramref name="errors"/> keyed "settings.{name}".</summary>
    public static MetaAppFields Read(
        JsonElement settings, string accountIdName, string defaultGraphApiBaseUrl, Func<string, string?> accountIdProblem, Dictionary<string, string> errors)
    {
        string Required(string name)
        {
            var value = Optional(name);
            if (value is null)
            {
                errors[$"settings.{name}"] = $"'{name}' is required.";
            }

            return value?.Trim() ?? "";
        }

        string? Optional(string name) =>
            settings.ValueKind == JsonValueKind.Object && settings.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                ? value.GetString()
                : null;

        var fields = new MetaAppFields(
            Required(accountIdName),
            Required("accessToken"),
            Required("appSecret"),
            Required("verifyToken"),
            Optional("graphApiBaseUrl")?.Trim().TrimEnd('/') ?? defaultGraphApiBaseUrl,
            Optional("apiVersion")?.Trim() ?? DefaultApiVersion);

        if (fields.AccountId.Length > 0 && accountIdProblem(fields.AccountId) is { } problem)
        {
            errors[$"settings.{accountIdName}"] = problem;
        }

        if (!Uri.TryCreate(fields.GraphApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors["settings.graphApiBaseUrl"] = "'graphApiBaseUrl' must be an absolute http(s) URL.";
        }

        if (!ApiVersionPattern().IsMatch(fields.ApiVersion))
        {
            errors["settings.apiVersion"] = "'apiVersion' looks like v23.0.";
        }

        return fields;
    }

    [GeneratedRegex(@"^v\d{1,3}\.\d{1,3}$")]
    private static partial Regex ApiVersionPattern();
}
