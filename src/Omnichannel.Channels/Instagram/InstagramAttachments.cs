namespace Omnichannel.Channels.Instagram;

/// <summary>
/// The one place that turns Instagram attachments into thread text: a readable placeholder plus the
/// attachment's URL. Instagram's CDN URLs expire, so this is a stopgap until attachments are stored
/// by the channel-neutral attachments model (connect it here).
/// </summary>
public static class InstagramAttachments
{
    public static string Describe(IgAttachment attachment)
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
        return string.IsNullOrEmpty(url) ? label : $"{label} {url}";
    }
}
