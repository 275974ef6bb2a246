using System.Text.Json;
using System.Text.Json.Nodes;

namespace Omnichannel.Inboxes;

/// <summary>
/// Changes a connected inbox's channel settings. What was stored (public settings and decrypted
/// secrets) is overlaid with what the admin submitted and read again by the channel, so an edit is
/// checked exactly like a creation. A secret left out or blank keeps its stored value: forms never
/// show secrets, and rotating one token must not require retyping the others.
/// </summary>
public static class ChannelSettingsEdit
{
    public static ChannelSettings Apply(Inbox inbox, IChannelDefinition channel, InboxSecrets secrets, JsonElement submitted)
    {
        var merged = JsonNode.Parse(inbox.Settings)?.AsObject() ?? [];
        var stored = JsonNode.Parse(secrets.Unprotect(inbox.EncryptedSecrets))?.AsObject() ?? [];
        foreach (var (name, value) in stored)
        {
            merged[name] = value?.DeepClone();
        }

        foreach (var property in submitted.EnumerateObject())
        {
            var blank = property.Value.ValueKind == JsonValueKind.Null
                || (property.Value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(property.Value.GetString()));
            if (blank && stored.ContainsKey(property.Name))
            {
                continue;
            }

            merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        return channel.ReadSettings(JsonSerializer.SerializeToElement(merged), inbox.RoutingKey);
    }
}
