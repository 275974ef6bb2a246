using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Omnichannel.Agents;
using Omnichannel.Common;

namespace Omnichannel.Web.Auth;

/// <summary>Puts the user's role and display name into the sign-in cookie.</summary>
public sealed class UserClaims(UserManager<User> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var claim in For(user).Where(c => c.Type is ClaimTypes.Role or DisplayNameClaim))
        {
            identity.AddClaim(claim);
        }

        return identity;
    }

    public const string DisplayNameClaim = "display_name";

    public static IEnumerable<Claim> For(User user) =>
    [
        new(ClaimTypes.NameIdentifier, user.Id.ToString()),
        new(ClaimTypes.Name, user.Email ?? user.DisplayName),
        new(DisplayNameClaim, user.DisplayName),
        new(ClaimTypes.Role, user.Role.ToString()),
    ];

    /// <summary>The actor a signed-in principal stands for, or null when anonymous.</summary>
    public static Actor? ActorOf(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !Enum.TryParse<Role>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        return new Actor(id, principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity.Name ?? "", role);
    }
}
