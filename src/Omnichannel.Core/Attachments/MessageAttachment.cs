namespace Omnichannel.Attachments;

public enum AttachmentKind
{
    Image,
    Audio,
    Video,
    Document,
    Sticker,
    Location,
    Contacts,
}

/// <summary>Where a file attachment's bytes are. Cards (location, contacts) have no file and no status.</summary>
public enum AttachmentStatus
{
    /// <summary>Known to the provider, not yet downloaded (inbound) — the worker fetches it.</summary>
    Pending,
    Stored,
    /// <summary>Could not be downloaded; <see cref="MessageAttachment.Error"/> says why and an agent may retry.</summary>
    Failed,
}

/// <summary>
/// A file or card carried by a message, for every channel. Files live in the <see cref="IAttachmentStore"/>
/// under <see cref="StorageKey"/>; the provider's media id is kept as provenance (and to download it).
/// </summary>
public sealed class MessageAttachment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid MessageId { get; init; }

    /// <summary>Copied from the message so a download can be authorised and routed without joins.</summary>
    public Guid InboxId { get; init; }

    public AttachmentKind Kind { get; private set; }

    public string? ContentType { get; set; }

    public string? FileName { get; init; }

    public long? Size { get; set; }

    public string? StorageKey { get; set; }

    public string? ProviderMediaId { get; init; }

    /// <summary>Where the provider serves the file when it gives a URL instead of a media id (Instagram's CDN); it expires.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Location: the place name; contacts: the person's name.</summary>
    public string? Title { get; init; }

    /// <summary>Location: the address; contacts: phones and e-mails, one per line.</summary>
    public string? Details { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>Null for cards (location, contacts): nothing to download.</summary>
    public AttachmentStatus? Status { get; private set; }

    public string? Error { get; private set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsFile => Kind is not (AttachmentKind.Location or AttachmentKind.Contacts);

    /// <summary>A file the worker downloads by the provider's media id or from its URL (one of them is set).</summary>
    public static MessageAttachment ToDownload(Guid messageId, Guid inboxId, AttachmentKind kind, string? providerMediaId, string? sourceUrl, string? contentType, string? fileName, DateTimeOffset now) => new()
    {
        MessageId = messageId,
        InboxId = inboxId,
        Kind = kind,
        ProviderMediaId = providerMediaId,
        SourceUrl = sourceUrl,
        ContentType = contentType,
        FileName = fileName,
        Status = AttachmentStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    public static MessageAttachment Uploaded(Guid messageId, Guid inboxId, AttachmentKind kind, StoredFile file, string contentType, string fileName, DateTimeOffset now) => new()
    {
        MessageId = messageId,
        InboxId = inboxId,
        Kind = kind,
        ContentType = contentType,
        FileName = fileName,
        Size = file.Size,
        StorageKey = file.Key,
        Status = AttachmentStatus.Stored,
        CreatedAt = now,
    };

    public static MessageAttachment Card(Guid messageId, Guid inboxId, AttachmentKind kind, string? title, string? details, double? latitude, double? longitude, DateTimeOffset now) => new()
    {
        MessageId = messageId,
        InboxId = inboxId,
        Kind = kind,
        Title = title,
        Details = details,
        Latitude = latitude,
        Longitude = longitude,
        CreatedAt = now,
    };

    /// <summary><paramref name="kind"/> corrects a kind the provider could not tell in advance (a story is a photo or a video).</summary>
    public void MarkStored(StoredFile file, string contentType, AttachmentKind? kind = null)
    {
        Kind = kind ?? Kind;
        StorageKey = file.Key;
        Size = file.Size;
        ContentType = contentType;
        Status = AttachmentStatus.Stored;
        Error = null;
        NextAttemptAt = null;
    }

    public void MarkFailed(string error)
    {
        Status = AttachmentStatus.Failed;
        Error = error.Length <= 500 ? error : error[..500];
        NextAttemptAt = null;
    }

    /// <summary>An agent asks to try a failed download again: it starts over with fresh attempts.</summary>
    public bool RetryDownload(DateTimeOffset now)
    {
        if (Status != AttachmentStatus.Failed || (ProviderMediaId is null && SourceUrl is null))
        {
            return false;
        }

        Status = AttachmentStatus.Pending;
        Error = null;
        Attempts = 0;
        NextAttemptAt = now;
        return true;
    }
}
