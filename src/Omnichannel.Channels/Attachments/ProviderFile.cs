using Microsoft.Extensions.Options;
using Omnichannel.Attachments;

namespace Omnichannel.Channels.Attachments;

/// <summary>
/// What every provider download shares once the bytes are on their way: the type allow list, the
/// size limit of the kind (declared and actual) and the copy into the store. Refusals are permanent:
/// the same file is refused again on every try.
/// </summary>
public sealed class ProviderFile(IAttachmentStore store, IOptions<AttachmentOptions> options)
{
    /// <summary>Null when a file of that kind, type and (declared) size is accepted; else why not.</summary>
    public DownloadResult? Refusal(AttachmentKind kind, string contentType, long? declaredBytes)
    {
        var limits = options.Value;
        if (!limits.Allows(kind, contentType))
        {
            return DownloadResult.Failed($"Files of type '{contentType}' are not accepted.");
        }

        return declaredBytes > limits.MaxBytes(kind) ? TooLarge(kind) : null;
    }

    /// <summary>Checks and stores a successful response's body; the limit also holds when no length was declared.</summary>
    public async Task<DownloadResult> StoreAsync(HttpResponseMessage response, AttachmentKind kind, string contentType, CancellationToken cancellationToken)
    {
        if (Refusal(kind, contentType, response.Content.Headers.ContentLength) is { } refused)
        {
            return refused;
        }

        await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
        try
        {
            return DownloadResult.Stored(await store.SaveAsync(content, options.Value.MaxBytes(kind), cancellationToken), contentType, kind);
        }
        catch (AttachmentTooLargeException)
        {
            return TooLarge(kind);
        }
    }

    private DownloadResult TooLarge(AttachmentKind kind) =>
        DownloadResult.Failed($"The file is larger than the {options.Value.MaxBytes(kind) / 1024} KB allowed.");
}
