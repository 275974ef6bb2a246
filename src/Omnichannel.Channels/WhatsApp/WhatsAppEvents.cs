using System.Globalization;
using Omnichannel.Contacts;
using Omnichannel.Conversations;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>Reads the items of a webhook payload: their dedup keys, and what each means for our domain.</summary>
public static class WhatsAppEvents
{
    /// <summary>Parses a webhook body; throws <see cref="System.Text.Json.JsonException"/> when it is not JSON.</summary>
    public static WebhookPayload? Parse(ReadOnlySpan<byte> body) => System.Text.Json.JsonSerializer.Deserialize(body, WhatsAppJson.Default.WebhookPayload);

    public static WebhookPayload? Parse(string body) => System.Text.Json.JsonSerializer.Deserialize(body, WhatsAppJson.Default.WebhookPayload);

    /// <summary>The values addressed to one phone number id (a payload may batch several numbers and items).</summary>
    public static IEnumerable<WebhookValue> ValuesFor(WebhookPayload payload, string? phoneNumberId = null) =>
        from entry in payload.Entry ?? []
        from change in entry.Changes ?? []
        where change.Field == "messages" && change.Value?.Metadata?.PhoneNumberId is not null
        where phoneNumberId is null || change.Value!.Metadata!.PhoneNumberId == phoneNumberId
        select change.Value!;

    /// <summary>One key per message and per (message, status): the same delivery twice has the same key.</summary>
    public static IEnumerable<string> ProviderKeys(WebhookValue value) =>
        (value.Messages ?? []).Where(m => !string.IsNullOrEmpty(m.Id)).Select(m => MessageKey(m.Id!))
        .Concat((value.Statuses ?? []).Where(s => !string.IsNullOrEmpty(s.Id) && !string.IsNullOrEmpty(s.Status)).Select(s => StatusKey(s.Id!, s.Status!)));

    public static string MessageKey(string wamid) => $"message:{wamid}";

    public static string StatusKey(string wamid, string status) => $"status:{wamid}:{status}";

    public static CustomerMessage? ToCustomerMessage(WebhookValue value, WebhookMessage message)
    {
        var sender = value.Contacts?.FirstOrDefault(c => (c.WaId is not null && c.WaId == message.From) || (c.UserId is not null && c.UserId == (message.FromUserId ?? message.From)))
            ?? (value.Contacts?.Count == 1 ? value.Contacts[0] : null);

        var keys = new List<IdentityKey>();
        var phone = message.From is { } from && !WhatsAppNumber.IsBusinessScopedUserId(from) ? from : sender?.WaId;
        if (!string.IsNullOrEmpty(phone))
        {
            keys.Add(new IdentityKey(WhatsAppNumber.Normalise(phone), phone));
        }

        var userId = message.FromUserId ?? sender?.UserId ?? (message.From is { } f && WhatsAppNumber.IsBusinessScopedUserId(f) ? f : null);
        if (!string.IsNullOrEmpty(userId))
        {
            keys.Add(new IdentityKey(userId, userId));
        }

        if (keys.Count == 0 || string.IsNullOrEmpty(message.Id))
        {
            return null;
        }

        return new CustomerMessage(
            message.Id, keys, sender?.Profile?.Name, WhatsAppMessageContent.Text(message) ?? Describe(message), ParseTimestamp(message.Timestamp),
            WhatsAppMessageContent.Attachments(message));
    }

    public static DeliveryStatus? ToDeliveryStatus(string? status) => status switch
    {
        "sent" => DeliveryStatus.Sent,
        "delivered" => DeliveryStatus.Delivered,
        "read" or "played" => DeliveryStatus.Read,
        "failed" => DeliveryStatus.Failed,
        _ => null,
    };

    /// <summary>Our message id, echoed back in biz_opaque_callback_data ("inbox-msg:&lt;id&gt;").</summary>
    public static Guid? OurMessageId(string? callbackData) =>
        callbackData is not null && callbackData.StartsWith(CallbackPrefix, StringComparison.Ordinal) && Guid.TryParse(callbackData.AsSpan(CallbackPrefix.Length), out var id)
            ? id
            : null;

    public const string CallbackPrefix = "inbox-msg:";

    /// <summary>Text for types we do not render (reactions, orders, unsupported): a readable placeholder instead of being dropped.</summary>
    public static string Describe(WebhookMessage message)
    {
        if (message.Type == "text")
        {
            return message.Text?.Body ?? "";
        }

        var type = message.Type ?? "unknown";
        var payload = message.Other is not null && message.Other.TryGetValue(type, out var element) ? element : default;
        string? Field(string name) =>
            payload.ValueKind == System.Text.Json.JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
                ? value.GetString()
                : null;

        var detail = type switch
        {
            "image" or "video" or "document" => Field("caption") ?? Field("filename"),
            "location" => string.Join(", ", new[] { Field("name"), Field("address") }.Where(s => !string.IsNullOrEmpty(s))),
            "button" => Field("text"),
            "reaction" => Field("emoji"),
            "interactive" => InteractiveTitle(payload),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(detail) ? $"[{type}]" : $"[{type}] {detail}";
    }

    private static string? InteractiveTitle(System.Text.Json.JsonElement interactive)
    {
        foreach (var kind in new[] { "button_reply", "list_reply" })
        {
            if (interactive.ValueKind == System.Text.Json.JsonValueKind.Object && interactive.TryGetProperty(kind, out var reply) && reply.TryGetProperty("title", out var title))
            {
                return title.GetString();
            }
        }

        return null;
    }

    private static DateTimeOffset ParseTimestamp(string? seconds) =>
        long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 && s < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : DateTimeOffset.UtcNow;
}
