using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Agents;

/// <summary>
/// A bearer token for the REST API. Only its SHA-256 hash is stored, so a database leak does not
/// leak usable tokens; the plain value is shown once, when issued.
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "omni_";

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public required string Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public static string NewValue() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
