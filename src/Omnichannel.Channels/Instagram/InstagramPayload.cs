using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omnichannel.Channels.Instagram;

// The Instagram messaging webhook envelope (shared/docs/channels.md §2.1). Only what we use is
// mapped; unknown fields are ignored and every part may be absent. Times are epoch milliseconds.

public sealed record IgWebhookPayload(
    [property: JsonPropertyName("object")] string? ObjectType,
    [property: JsonPropertyName("entry")] List<IgEntry>? Entry);

public sealed record IgEntry(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("time")] long? Time,
    [property: JsonPropertyName("messaging")] List<IgMessaging>? Messaging);

/// <summary>One event: exactly one of message, reaction, read or postback is set.</summary>
public sealed record IgMessaging(
    [property: JsonPropertyName("sender")] IgParty? Sender,
    [property: JsonPropertyName("recipient")] IgParty? Recipient,
    [property: JsonPropertyName("timestamp")] long? Timestamp,
    [property: JsonPropertyName("message")] IgMessage? Message,
    [property: JsonPropertyName("reaction")] IgReaction? Reaction,
    [property: JsonPropertyName("read")] IgRead? Read,
    [property: JsonPropertyName("postback")] IgPostback? Postback);

public sealed record IgParty([property: JsonPropertyName("id")] string? Id);

public sealed record IgMessage(
    [property: JsonPropertyName("mid")] string? Mid,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("attachments")] List<IgAttachment>? Attachments,
    [property: JsonPropertyName("reply_to")] IgReplyTo? ReplyTo,
    [property: JsonPropertyName("is_echo")] bool? IsEcho,
    [property: JsonPropertyName("is_deleted")] bool? IsDeleted,
    [property: JsonPropertyName("is_unsupported")] bool? IsUnsupported);

public sealed record IgAttachment(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("payload")] IgAttachmentPayload? Payload);

public sealed record IgAttachmentPayload(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("title")] string? Title);

public sealed record IgReplyTo(
    [property: JsonPropertyName("mid")] string? Mid,
    [property: JsonPropertyName("story")] IgStory? Story);

public sealed record IgStory(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("url")] string? Url);

public sealed record IgReaction(
    [property: JsonPropertyName("mid")] string? Mid,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("reaction")] string? Reaction,
    [property: JsonPropertyName("emoji")] string? Emoji);

/// <summary>Instagram reports the <c>mid</c> read; the Messenger shape reports a <c>watermark</c> (epoch ms).</summary>
public sealed record IgRead(
    [property: JsonPropertyName("mid")] string? Mid,
    [property: JsonPropertyName("watermark")] long? Watermark);

public sealed record IgPostback(
    [property: JsonPropertyName("mid")] string? Mid,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("payload")] string? Payload);

// Send API (§2.2).

public sealed record IgSendRequest(
    [property: JsonPropertyName("recipient")] IgParty Recipient,
    [property: JsonPropertyName("message")] IgSendText Message,
    [property: JsonPropertyName("messaging_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessagingType,
    [property: JsonPropertyName("tag"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tag);

public sealed record IgSendText([property: JsonPropertyName("text")] string Text);

public sealed record IgSendResponse(
    [property: JsonPropertyName("recipient_id")] string? RecipientId,
    [property: JsonPropertyName("message_id")] string? MessageId);

public sealed record IgProfile(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("username")] string? Username);

public sealed record IgErrorResponse([property: JsonPropertyName("error")] IgError? Error);

public sealed record IgError(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("code")] int? Code,
    [property: JsonPropertyName("error_subcode")] int? Subcode);

[JsonSerializable(typeof(IgWebhookPayload))]
[JsonSerializable(typeof(IgSendRequest))]
[JsonSerializable(typeof(IgSendResponse))]
[JsonSerializable(typeof(IgProfile))]
[JsonSerializable(typeof(IgErrorResponse))]
[JsonSerializable(typeof(InstagramSettings))]
[JsonSerializable(typeof(InstagramSecrets))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class InstagramJson : JsonSerializerContext
{
    public static IgWebhookPayload? Parse(ReadOnlySpan<byte> body) => JsonSerializer.Deserialize(body, Default.IgWebhookPayload);

    public static IgWebhookPayload? Parse(string body) => JsonSerializer.Deserialize(body, Default.IgWebhookPayload);
}
