using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnichannel.Channels.WhatsApp;

// The Cloud API webhook envelope (shared/docs/channels.md §1.4-1.6). Only what we use is mapped;
// unknown fields are ignored, and every collection may be absent.

public sealed record WebhookPayload(
    [property: JsonPropertyName("object")] string? ObjectType,
    [property: JsonPropertyName("entry")] List<WebhookEntry>? Entry);

public sealed record WebhookEntry(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("changes")] List<WebhookChange>? Changes);

public sealed record WebhookChange(
    [property: JsonPropertyName("field")] string? Field,
    [property: JsonPropertyName("value")] WebhookValue? Value);

public sealed record WebhookValue(
    [property: JsonPropertyName("metadata")] WebhookMetadata? Metadata,
    [property: JsonPropertyName("contacts")] List<WebhookContact>? Contacts,
    [property: JsonPropertyName("messages")] List<WebhookMessage>? Messages,
    [property: JsonPropertyName("statuses")] List<WebhookStatus>? Statuses);

public sealed record WebhookMetadata(
    [property: JsonPropertyName("display_phone_number")] string? DisplayPhoneNumber,
    [property: JsonPropertyName("phone_number_id")] string? PhoneNumberId);

public sealed record WebhookContact(
    [property: JsonPropertyName("profile")] WebhookProfile? Profile,
    [property: JsonPropertyName("wa_id")] string? WaId,
    [property: JsonPropertyName("user_id")] string? UserId);

public sealed record WebhookProfile([property: JsonPropertyName("name")] string? Name);

/// <summary>A message; the per-type object (image, location, ...) lands in <see cref="Other"/> under its type name.</summary>
public sealed class WebhookMessage
{
    [JsonPropertyName("id")] public string? Id { get; init; }

    [JsonPropertyName("from")] public string? From { get; init; }

    [JsonPropertyName("from_user_id")] public string? FromUserId { get; init; }

    [JsonPropertyName("timestamp")] public string? Timestamp { get; init; }

    [JsonPropertyName("type")] public string? Type { get; init; }

    [JsonPropertyName("text")] public WebhookText? Text { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Other { get; set; }
}

public sealed record WebhookText([property: JsonPropertyName("body")] string? Body);

public sealed record WebhookStatus(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("timestamp")] string? Timestamp,
    [property: JsonPropertyName("biz_opaque_callback_data")] string? CallbackData,
    [property: JsonPropertyName("errors")] List<WebhookError>? Errors);

public sealed record WebhookError(
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("error_data")] WebhookErrorData? ErrorData);

public sealed record WebhookErrorData([property: JsonPropertyName("details")] string? Details);

// Send API (§1.8).

public sealed record SendRequest(
    [property: JsonPropertyName("messaging_product")] string MessagingProduct,
    [property: JsonPropertyName("recipient_type")] string RecipientType,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To,
    [property: JsonPropertyName("recipient"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Recipient,
    [property: JsonPropertyName("biz_opaque_callback_data")] string CallbackData,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SendText? Text,
    [property: JsonPropertyName("template"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SendTemplate? Template = null);

public sealed record SendText(
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("preview_url")] bool PreviewUrl);

/// <summary><c>{ name, language: { code }, components: [ { type: "body", parameters: [ { type: "text", text } ] } ] }</c>.</summary>
public sealed record SendTemplate(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("language")] SendTemplateLanguage Language,
    [property: JsonPropertyName("components"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<SendTemplateComponent>? Components);

public sealed record SendTemplateLanguage([property: JsonPropertyName("code")] string Code);

public sealed record SendTemplateComponent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("parameters")] List<SendTemplateParameter> Parameters);

public sealed record SendTemplateParameter(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text);

public sealed record SendResponse([property: JsonPropertyName("messages")] List<SentMessage>? Messages);

public sealed record SentMessage([property: JsonPropertyName("id")] string? Id);

public sealed record GraphErrorResponse([property: JsonPropertyName("error")] GraphError? Error);

public sealed record GraphError(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("error_data")] WebhookErrorData? ErrorData);

// Media (§1.9-1.10).

public sealed record MediaMetadata(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("mime_type")] string? MimeType,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("file_size")] long? FileSize,
    [property: JsonPropertyName("id")] string? Id);

public sealed record MediaUploaded([property: JsonPropertyName("id")] string? Id);

[JsonSerializable(typeof(MediaMetadata))]
[JsonSerializable(typeof(MediaUploaded))]
[JsonSerializable(typeof(MediaSendRequest))]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(SendRequest))]
[JsonSerializable(typeof(SendResponse))]
[JsonSerializable(typeof(GraphErrorResponse))]
[JsonSerializable(typeof(WhatsAppSettings))]
[JsonSerializable(typeof(WhatsAppSecrets))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class WhatsAppJson : JsonSerializerContext;
