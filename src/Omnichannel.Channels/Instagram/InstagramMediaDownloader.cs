using System.Net;
using Microsoft.Extensions.Options;
using Omnichannel.Attachments;
using Omnichannel.Channels.Attachments;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Instagram;

/// <summary>
/// Instagram gives media as signed CDN URLs that expire (hours to days), so they are fetched once,
/// soon after the webhook: a plain GET, no token (the signature is in the URL). Redirects are followed
/// here, a few and only to http(s), rather than by the handler. A 403/404/410 means the URL expired
/// or the media is gone: retrying cannot help.
/// </summary>
public sealed class InstagramMediaDownloader(IHttpClientFactory httpClients, ProviderFile files, IOptions<AttachmentOptions> options) : IAttachmentDownloader
{
    public const string HttpClientName = "instagram-cdn";

    private const int MaxRedirects = 5;

    public ChannelType Channel => ChannelType.Instagram;

    public async Task<DownloadResult> DownloadAsync(Inbox inbox, MessageAttachment attachment, CancellationToken cancellationToken)
    {
        if (WebAddress(Uri.TryCreate(attachment.SourceUrl, UriKind.Absolute, out var source) ? source : null) is not { } uri)
        {
            return DownloadResult.Failed("Instagram gave no usable address for this file.");
        }

        var http = httpClients.CreateClient(HttpClientName);
        for (var redirects = 0; ; redirects++)
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (IsRedirect(response.StatusCode))
            {
                if (redirects == MaxRedirects)
                {
                    return DownloadResult.Failed($"Instagram's server redirected more than {MaxRedirects} times.");
                }

                if (WebAddress(response.Headers.Location is { } location ? new Uri(uri, location) : null) is not { } next)
                {
                    return DownloadResult.Failed("Instagram's server redirected to an address that is not http(s).");
                }

                uri = next;

                continue;
            }

            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                return DownloadResult.Failed("Instagram no longer serves this file (its link expired); ask the customer to send it again.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return DownloadResult.Transient($"HTTP {(int)response.StatusCode} from Instagram while downloading the file.");
            }

            var contentType = AttachmentTypes.Normalise(response.Content.Headers.ContentType?.MediaType ?? attachment.ContentType);
            return await files.StoreAsync(response, KindOf(attachment.Kind, contentType), contentType, cancellationToken);
        }
    }

    /// <summary>Stories and shared media do not say whether they are a photo or a video; the file does.</summary>
    private AttachmentKind KindOf(AttachmentKind declared, string contentType)
    {
        var swapped = declared switch
        {
            AttachmentKind.Image => AttachmentKind.Video,
            AttachmentKind.Video => AttachmentKind.Image,
            _ => declared,
        };
        return !options.Value.Allows(declared, contentType) && options.Value.Allows(swapped, contentType) ? swapped : declared;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Uri? WebAddress(Uri? uri) => uri is { IsAbsoluteUri: true, Scheme: "https" or "http" } ? uri : null;
}
