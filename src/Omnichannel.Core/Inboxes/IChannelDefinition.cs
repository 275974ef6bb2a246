using System.Text.Json;

namespace Omnichannel.Inboxes;

/// <summary>
/// What Core needs to know about a channel to create an inbox for it. Each adapter in
/// Omnichannel.Channels implements one; Core never references a concrete channel.
/// </summary>
public interface IChannelDefinition
{
    ChannelType Channel { get; }

    /// <summary>Path (relative to the public base URL) the provider must call with webhooks.</summary>
    string WebhookPath { get; }

    /// <summary>
    /// Checks the settings an admin submitted and splits them into public and secret parts.
    /// <paramref name="currentRoutingKey"/> is the edited inbox's key, kept by channels that make theirs up.
    /// </summary>
    ChannelSettings ReadSettings(JsonElement settings, string? currentRoutingKey = null);
}

/// <summary>
/// The outcome of reading submitted settings: either <see cref="Errors"/> (field name → message,
/// fields named <c>settings.x</c>) or the three parts an <see cref="Inbox"/> stores, plus any
/// <see cref="GeneratedSecrets"/> (setting name → value) the channel made up because none was given.
/// </summary>
public sealed record ChannelSettings(
    string RoutingKey,
    string PublicJson,
    string SecretsJson,
    IReadOnlyDictionary<string, string> Errors,
    IReadOnlyDictionary<string, string>? GeneratedSecrets = null)
{
    public static ChannelSettings Invalid(IReadOnlyDictionary<string, string> errors) => new("", "{}", "{}", errors);
}
