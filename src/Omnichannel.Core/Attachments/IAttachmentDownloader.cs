using Omnichannel.Inboxes;

namespace Omnichannel.Attachments;

/// <summary>Fetches a provider's media into the <see cref="IAttachmentStore"/>. Implemented per channel.</summary>
public interface IAttachmentDownloader
{
    ChannelType Channel { get; }

    Task<DownloadResult> DownloadAsync(Inbox inbox, MessageAttachment attachment, CancellationToken cancellationToken);
}

/// <summary>Stored (with the type the provider reported, and the kind when it differs), or failed — for good, or worth another try.</summary>
public sealed record DownloadResult(StoredFile? File, string? ContentType, string? Error, bool Permanent, AttachmentKind? Kind = null)
{
    public static DownloadResult Stored(StoredFile file, string contentType, AttachmentKind? kind = null) => new(file, contentType, null, false, kind);

    public static DownloadResult Transient(string error) => new(null, null, error, false);

    public static DownloadResult Failed(string error) => new(null, null, error, true);
}
