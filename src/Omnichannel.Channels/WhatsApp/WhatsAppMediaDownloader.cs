using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Omnichannel.Attachments;
using Omnichannel.Channels.Attachments;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>
/// The media download flow (channels.md §1.10): <c>GET {graph}/{version}/{media-id}</c> gives a short-lived
/// URL, which is fetched with the same bearer token. Each attempt starts from step 1, because the URL
/// expires after minutes. Type and size are checked against the limits before and while downloading.
/// </summary>
public sealed class WhatsAppMediaDownloader(IHttpClientFactory httpClients, InboxSecrets secrets, IAttachmentStore store, ProviderFile files)
    : IAttachmentDownloader
{
    public ChannelType Channel => ChannelType.WhatsApp;

    public async Task<DownloadResult> DownloadAsync(Inbox inbox, MessageAttachment attachment, CancellationToken cancellationToken)
    {
        var whatsApp = WhatsAppInbox.From(inbox, secrets);
        var http = httpClients.CreateClient(WhatsAppSender.HttpClientName);
        var metadataUrl = $"{whatsApp.Settings.GraphApiBaseUrl}/{whatsApp.Settings.ApiVersion}/{Uri.EscapeDataString(attachment.ProviderMediaId!)}?phone_number_id={whatsApp.Settings.PhoneNumberId}";
        MediaMetadata? metadata;
        using (var response = await SendAsync(http, metadataUrl, whatsApp.Secrets.AccessToken, cancellationToken))
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            {
                return DownloadResult.Failed("WhatsApp no longer has this file (media is kept for 7 days); ask the customer to send it again.");
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return DownloadResult.Failed("WhatsApp refused the inbox's access token; check the inbox settings, then retry.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return DownloadResult.Transient($"HTTP {(int)response.StatusCode} from WhatsApp while looking up the file.");
            }

            metadata = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(cancellationToken), WhatsAppJson.Default.MediaMetadata);
        }

        if (metadata?.Url is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return DownloadResult.Transient("WhatsApp returned no download URL.");
        }

        var contentType = AttachmentTypes.Normalise(metadata.MimeType ?? attachment.ContentType);
        if (files.Refusal(attachment.Kind, contentType, metadata.FileSize) is { } refused)
        {
            return refused;
        }

        using var download = await SendAsync(http, url, whatsApp.Secrets.AccessToken, cancellationToken);
        if (!download.IsSuccessStatusCode)
        {
            // Usually an expired URL: the next attempt asks for a fresh one.
            return DownloadResult.Transient($"HTTP {(int)download.StatusCode} while downloading the file.");
        }

        var result = await files.StoreAsync(download, attachment.Kind, contentType, cancellationToken);
        if (result.File is { } file && metadata.Sha256 is { Length: > 0 } expected && !Matches(expected, file.Sha256))
        {
            await store.DeleteAsync(file.Key, cancellationToken);
            return DownloadResult.Transient("The downloaded file did not match its checksum.");
        }

        return result;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string url, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Meta documents the checksum as hex; some payloads carry base64. Either form is accepted.</summary>
    private static bool Matches(string expected, string actualHex)
    {
        if (string.Equals(expected, actualHex, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            return Convert.ToHexStringLower(Convert.FromBase64String(expected)) == actualHex;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
