using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;
using Omnichannel.Conversations;

namespace Omnichannel.Attachments;

/// <summary>A file an agent attaches: name and type as the client declared them, and its content.</summary>
public sealed record OutgoingFile(string FileName, string ContentType, long Length, Stream Content)
{
    /// <summary>WhatsApp's caption limit; the text of a message with a file is its caption.</summary>
    public const int MaxCaptionLength = 1024;
}

/// <summary>
/// Checks an agent's file against the allowed types and size limits and writes it to the store.
/// Refusals are validation errors on "file" (400 problem+json), raised before anything is stored.
/// </summary>
public sealed class AttachmentIntake(IAttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    public async Task<MessageAttachment> StoreAsync(OutgoingFile file, Message message, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var contentType = AttachmentTypes.Normalise(file.ContentType);
        if (limits.KindOf(contentType) is not { } kind)
        {
            throw Invalid($"Files of type '{contentType}' cannot be sent. Allowed: images (JPEG, PNG), audio, MP4 video, PDF and office documents.");
        }

        var max = limits.MaxBytes(kind);
        if (file.Length > max)
        {
            throw Invalid($"The file is {Describe(file.Length)}; at most {Describe(max)} is allowed for {kind.ToString().ToLowerInvariant()} files.");
        }

        if (file.Length == 0)
        {
            throw Invalid("The file is empty.");
        }

        StoredFile stored;
        try
        {
            stored = await store.SaveAsync(file.Content, max, cancellationToken);
        }
        catch (AttachmentTooLargeException)
        {
            throw Invalid($"The file is larger than the {Describe(max)} allowed for {kind.ToString().ToLowerInvariant()} files.");
        }

        return MessageAttachment.Uploaded(message.Id, message.InboxId, kind, stored, contentType, AttachmentTypes.SafeFileName(file.FileName, "file"), clock.GetUtcNow());
    }

    public async Task ForgetAsync(MessageAttachment? attachment)
    {
        if (attachment?.StorageKey is { } key)
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
    }

    public static string Describe(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : $"{Math.Max(1, bytes / 1024)} KB";

    private static ValidationException Invalid(string message) => new([new ValidationFailure("file", message)]);
}
