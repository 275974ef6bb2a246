using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;

namespace Omnichannel.Agents;

/// <summary>Settings under <c>Bootstrap:</c> that create the first admin on a fresh database.</summary>
public sealed class BootstrapOptions
{
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>Optional: a bearer token for the API, so automation can start without the UI.</summary>
    public string? AdminApiToken { get; set; }
}

/// <summary>Creates the first admin from configuration, only while there are no users at all.</summary>
public sealed class FirstAdmin(OmnichannelDb db, Users users, TimeProvider clock)
{
    public async Task<User?> EnsureAsync(BootstrapOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrEmpty(options.AdminPassword)
            || await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var admin = await users.CreateAsync(options.AdminEmail, "Admin", Role.Admin, options.AdminPassword);
        if (!string.IsNullOrWhiteSpace(options.AdminApiToken))
        {
            db.ApiTokens.Add(new ApiToken { UserId = admin.Id, Hash = ApiToken.HashOf(options.AdminApiToken), CreatedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return admin;
    }
}
