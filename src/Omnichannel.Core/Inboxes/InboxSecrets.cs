using Microsoft.AspNetCore.DataProtection;

namespace Omnichannel.Inboxes;

/// <summary>Encrypts and decrypts an inbox's credentials (the key ring is kept in PostgreSQL).</summary>
public sealed class InboxSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Omnichannel.Inboxes.Secrets.v1");

    public string Protect(string secretsJson) => _protector.Protect(secretsJson);

    public string Unprotect(string encrypted) => _protector.Unprotect(encrypted);
}
