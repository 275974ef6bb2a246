using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Omnichannel.Attachments;
using Omnichannel.Delivery;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>
/// Outbound files (channels.md §1.8-1.9): the stored file is uploaded with
/// <c>POST {graph}/{version}/{phone-number-id}/media</c> (multipart), and the message refers to the
/// returned media id — never to a public link, so our files need no anonymous URL.
/// </summary>
public sealed class WhatsAppMediaSender(IHttpClientFactory httpClients, IAttachmentStore store)
{
    public sealed record Uploaded(string? MediaId, SendResult? Error);

    public async Task<Uploaded> UploadAsync(WhatsAppInbox inbox, MessageAttachment attachment, CancellationToken cancellationToken)
    {
        await using var file = await store.OpenAsync(attachment.StorageKey!, cancellationToken);
        if (file is null)
        {
            return new Uploaded(null, SendResult.Permanent("The attached file is missing from storage."));
        }

        var contentType = attachment.ContentType ?? "application/octet-stream";
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(contentType), "type" },
        };
        var fileContent = new StreamContent(file);
        fileContent.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(fileContent, "file", attachment.FileName ?? "file");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{inbox.Settings.GraphApiBaseUrl}/{inbox.Settings.ApiVersion}/{inbox.Settings.PhoneNumberId}/media") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", inbox.Secrets.AccessToken);
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(WhatsAppSender.HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return new Uploaded(null, SendResult.Transient($"Could not reach WhatsApp to upload the file: {ex.Message}"));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return new Uploaded(null, await WhatsAppSender.ReadResultAsync(response, cancellationToken));
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return WhatsAppSender.TryRead(body, WhatsAppJson.Default.MediaUploaded)?.Id is { } id
                ? new Uploaded(id, null)
                : new Uploaded(null, SendResult.Transient("WhatsApp accepted the upload but returned no media id."));
        }
    }

    public static MediaSendRequest Request(string? to, string? recipient, string callback, MessageAttachment attachment, string mediaId, string caption)
    {
        var withCaption = attachment.Kind is not (AttachmentKind.Audio or AttachmentKind.Sticker) && caption.Length > 0 ? caption : null;
        var isDocument = attachment.Kind == AttachmentKind.Document;
        var media = new MediaObject(mediaId, withCaption, isDocument ? attachment.FileName : null);
        return attachment.Kind switch
        {
            AttachmentKind.Image => new MediaSendRequest("whatsapp", "individual", to, recipient, callback, "image", Image: media),
            AttachmentKind.Audio => new MediaSendRequest("whatsapp", "individual", to, recipient, callback, "audio", Audio: media),
            AttachmentKind.Video => new MediaSendRequest("whatsapp", "individual", to, recipient, callback, "video", Video: media),
            AttachmentKind.Sticker => new MediaSendRequest("whatsapp", "individual", to, recipient, callback, "sticker", Sticker: media),
            _ => new MediaSendRequest("whatsapp", "individual", to, recipient, callback, "document", Document: media),
        };
    }
}

public sealed record MediaSendRequest(
    [property: JsonPropertyName("messaging_product")] string MessagingProduct,
    [property: JsonPropertyName("recipient_type")] string RecipientType,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To,
    [property: JsonPropertyName("recipient"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Recipient,
    [property: JsonPropertyName("biz_opaque_callback_data")] string CallbackData,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("image"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MediaObject? Image = null,
    [property: JsonPropertyName("audio"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MediaObject? Audio = null,
    [property: JsonPropertyName("video"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MediaObject? Video = null,
    [property: JsonPropertyName("document"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MediaObject? Document = null,
    [property: JsonPropertyName("sticker"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MediaObject? Sticker = null);

public sealed record MediaObject(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("caption"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Caption,
    [property: JsonPropertyName("filename"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FileName);
