using Omnichannel.Attachments;
using Omnichannel.Conversations;

namespace Omnichannel.Channels.Instagram;

/// <summary>
/// What Instagram attachments become. Media the CDN serves (photos, videos, voice notes, files, the
/// story a customer mentions or replies to) are stored: their URLs expire, so the thread shows the
/// stored file and keeps no URL. Shared posts and reels are links to Instagram and stay links.
/// </summary>
public static class InstagramAttachments
{
    /// <summary>The file to download, or null when the attachment is a link or has no URL.</summary>
    public static IncomingAttachment? ToStore(IgAttachment attachment) =>
        KindOf(attachment.Type) is { } kind ? FromUrl(kind, attachment.Payload?.Url) : null;

    /// <summary>Instagram does not say whether a story is a photo or a video; the download corrects the kind.</summary>
    public static IncomingAttachment? ToStore(IgStory story) => FromUrl(AttachmentKind.Image, story.Url);

    /// <summary>The attachment's line in the thread text; null for stored media, which shows as itself.</summary>
    public static string? Describe(IgAttachment attachment, bool stored)
    {
        var url = attachment.Payload?.Url;
        var label = attachment.Type switch
        {
            "image" => "[image]",
            "video" => "[video]",
            "audio" => "[audio]",
            "file" => "[file]",
            "share" => "[shared post]",
            "story_mention" => "[mentioned you in their story]",
            "ig_reel" or "reel" => "[reel]",
            null or "" => "[attachment]",
            var other => $"[{other}]",
        };
        if (stored && ToStore(attachment) is not null)
        {
            return attachment.Type == "story_mention" ? label : null;
        }

        return string.IsNullOrEmpty(url) ? label : $"{label} {url}";
    }

    private static AttachmentKind? KindOf(string? type) => type switch
    {
        "image" or "story_mention" => AttachmentKind.Image,
        "video" => AttachmentKind.Video,
        "audio" => AttachmentKind.Audio,
        "file" => AttachmentKind.Document,
        _ => null,
    };

    private static IncomingAttachment? FromUrl(AttachmentKind kind, string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? new IncomingAttachment(kind, SourceUrl: url) : null;
}
