namespace Omnichannel.Attachments;

/// <summary>
/// <c>Attachments:*</c> settings. Defaults follow WhatsApp's limits (shared/docs/channels.md §1.10):
/// only the types Meta accepts, none that a browser would run (no HTML, SVG or executables).
/// </summary>
public sealed class AttachmentOptions
{
    /// <summary>Folder of the file-system store; relative paths are under the app's content root.</summary>
    public string Path { get; set; } = ".data/attachments";

    public long MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    public long MaxAudioBytes { get; set; } = 16 * 1024 * 1024;

    public long MaxVideoBytes { get; set; } = 16 * 1024 * 1024;

    public long MaxDocumentBytes { get; set; } = 100 * 1024 * 1024;

    public long MaxStickerBytes { get; set; } = 500 * 1024;

    /// <summary>Downloads of provider media are tried this many times before the attachment shows as failed.</summary>
    public int MaxDownloadAttempts { get; set; } = 5;

    public TimeSpan DownloadRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public string[] ImageTypes { get; set; } = ["image/jpeg", "image/png"];

    public string[] AudioTypes { get; set; } = ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"];

    public string[] VideoTypes { get; set; } = ["video/mp4", "video/3gpp"];

    public string[] StickerTypes { get; set; } = ["image/webp"];

    public string[] DocumentTypes { get; set; } =
    [
        "application/pdf", "text/plain", "text/csv",
        "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ];

    public long MaxBytes(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Image => MaxImageBytes,
        AttachmentKind.Audio => MaxAudioBytes,
        AttachmentKind.Video => MaxVideoBytes,
        AttachmentKind.Sticker => MaxStickerBytes,
        _ => MaxDocumentBytes,
    };

    public long LargestFile => new[] { MaxImageBytes, MaxAudioBytes, MaxVideoBytes, MaxDocumentBytes, MaxStickerBytes }.Max();

    /// <summary>Whether the (normalised) type is allowed for that kind.</summary>
    public bool Allows(AttachmentKind kind, string contentType) => (kind switch
    {
        AttachmentKind.Image => ImageTypes,
        AttachmentKind.Audio => AudioTypes,
        AttachmentKind.Video => VideoTypes,
        AttachmentKind.Sticker => StickerTypes,
        AttachmentKind.Document => DocumentTypes,
        _ => [],
    }).Contains(contentType, StringComparer.OrdinalIgnoreCase) && !AttachmentTypes.IsDangerous(contentType);

    /// <summary>The kind an agent's upload becomes, from its type; null when the type is not allowed at all.</summary>
    public AttachmentKind? KindOf(string contentType) =>
        new[] { AttachmentKind.Image, AttachmentKind.Audio, AttachmentKind.Video, AttachmentKind.Document }
            .Select(k => (AttachmentKind?)k)
            .FirstOrDefault(k => Allows(k!.Value, contentType));
}

public static class AttachmentTypes
{
    /// <summary>"audio/ogg; codecs=opus" → "audio/ogg": parameters never decide what is allowed.</summary>
    public static string Normalise(string? contentType) =>
        (contentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();

    /// <summary>Types a browser renders as active content or runs; never accepted, whatever the configuration says.</summary>
    public static bool IsDangerous(string contentType) =>
        contentType is "text/html" or "application/xhtml+xml" or "image/svg+xml" or "text/javascript" or "application/javascript"
            or "application/x-msdownload" or "application/x-sh" or "application/x-executable" or "application/java-archive" or "text/xml" or "application/xml";

    /// <summary>Shown inline by the browser; everything else is served as a download.</summary>
    public static bool IsInlineMedia(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("audio/", StringComparison.Ordinal) || contentType.StartsWith("video/", StringComparison.Ordinal);

    /// <summary>A file name safe to show and to put in Content-Disposition: no path, no control characters, bounded.</summary>
    public static string SafeFileName(string? name, string fallback)
    {
        var cleaned = new string(System.IO.Path.GetFileName((name ?? "").Replace('\\', '/')).Where(c => !char.IsControl(c) && c != '/' && c != '"').ToArray()).Trim();
        if (cleaned.Length == 0)
        {
            return fallback;
        }

        return cleaned.Length <= 200 ? cleaned : cleaned[..200];
    }
}
