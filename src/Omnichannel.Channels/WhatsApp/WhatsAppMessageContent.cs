using System.Globalization;
using System.Text.Json;
using Omnichannel.Attachments;
using Omnichannel.Conversations;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>
/// What a customer's WhatsApp message carries besides text (channels.md §1.5): media become
/// attachments to download by media id, locations and shared contacts become cards, button and
/// list answers become the text the customer tapped.
/// </summary>
public static class WhatsAppMessageContent
{
    public static IReadOnlyList<IncomingAttachment> Attachments(WebhookMessage message)
    {
        var payload = Payload(message);
        switch (message.Type)
        {
            case "image" or "audio" or "video" or "document" or "sticker" when Field(payload, "id") is { } mediaId:
                var kind = Enum.Parse<AttachmentKind>(message.Type, ignoreCase: true);
                return [new IncomingAttachment(kind, mediaId, Field(payload, "mime_type"), Field(payload, "filename"))];
            case "location":
                return [new IncomingAttachment(AttachmentKind.Location, Title: Field(payload, "name"), Details: Field(payload, "address"),
                    Latitude: Number(payload, "latitude"), Longitude: Number(payload, "longitude"))];
            case "contacts" when payload.ValueKind == JsonValueKind.Array:
                return payload.EnumerateArray().Select(ContactCard).ToList();
            default:
                return [];
        }
    }

    /// <summary>The message's text: the caption of media, the tapped title of a button or list answer, nothing for cards.</summary>
    public static string? Text(WebhookMessage message)
    {
        var payload = Payload(message);
        return message.Type switch
        {
            "image" or "video" or "document" or "audio" or "sticker" => Field(payload, "caption") ?? "",
            "location" or "contacts" => "",
            "button" => Field(payload, "text") ?? "",
            "interactive" => InteractiveTitle(payload) ?? "",
            _ => null,
        };
    }

    private static IncomingAttachment ContactCard(JsonElement contact)
    {
        var name = contact.TryGetProperty("name", out var n) ? Field(n, "formatted_name") ?? Field(n, "first_name") : null;
        var lines = new List<string>();
        foreach (var (list, field) in new[] { ("phones", "phone"), ("emails", "email") })
        {
            if (contact.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                lines.AddRange(items.EnumerateArray().Select(i => Field(i, field)).OfType<string>());
            }
        }

        return new IncomingAttachment(AttachmentKind.Contacts, Title: name, Details: lines.Count > 0 ? string.Join('\n', lines) : null);
    }

    private static string? InteractiveTitle(JsonElement interactive)
    {
        foreach (var kind in new[] { "button_reply", "list_reply" })
        {
            if (interactive.ValueKind == JsonValueKind.Object && interactive.TryGetProperty(kind, out var reply) && Field(reply, "title") is { } title)
            {
                return title;
            }
        }

        return null;
    }

    private static JsonElement Payload(WebhookMessage message) =>
        message.Type is { } type && message.Other is not null && message.Other.TryGetValue(type, out var element) ? element : default;

    private static string? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;
}
