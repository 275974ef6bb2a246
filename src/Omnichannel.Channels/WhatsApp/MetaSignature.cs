using System.Security.Cryptography;
using System.Text;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>
/// Meta's <c>X-Hub-Signature-256</c>: HMAC-SHA256 of the raw body (as sent, never re-serialised)
/// keyed with the app secret, as <c>sha256=&lt;lowercase hex&gt;</c>. Compared in constant time.
/// </summary>
public static class MetaSignature
{
    public const string Header = "X-Hub-Signature-256";

    public static string Compute(ReadOnlySpan<byte> body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        if (header is null || !header.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(body, appSecret));
        var actual = Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Constant-time equality for tokens (the webhook verify token).</summary>
    public static bool TokensEqual(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
