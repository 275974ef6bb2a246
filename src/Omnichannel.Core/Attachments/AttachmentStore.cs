using System.Security.Cryptography;

namespace Omnichannel.Attachments;

/// <summary>A file written to the store: its key, its size and its SHA-256 (hex).</summary>
public sealed record StoredFile(string Key, long Size, string Sha256);

/// <summary>The file is bigger than allowed; nothing was kept.</summary>
public sealed class AttachmentTooLargeException(long limit) : Exception($"The file is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Where attachment bytes live. The file system is the default; an object store (S3, Azure Blob)
/// is another implementation registered in its place. Keys are chosen by the store, never by users.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Copies the content in, refusing (and keeping nothing) past <paramref name="maxBytes"/>.</summary>
    Task<StoredFile> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The content, or null when the key is unknown.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Files under <c>Attachments:Path</c>, named by a random id in a year/month folder.</summary>
public sealed class FileSystemAttachmentStore(Microsoft.Extensions.Options.IOptions<AttachmentOptions> options, TimeProvider clock) : IAttachmentStore
{
    private readonly string _root = Path.GetFullPath(options.Value.Path);

    public async Task<StoredFile> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var key = $"{now:yyyy}/{now:MM}/{Guid.CreateVersion7():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new AttachmentTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            File.Move(temp, path);
            return new StoredFile(key, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        // Keys come from us, but a tampered row must still not read outside the store.
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException("Attachment key outside the store.");
    }
}
