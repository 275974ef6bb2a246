using Microsoft.AspNetCore.Identity;

namespace Omnichannel.Agents;

/// <summary>
/// A person who signs in: an agent, supervisor or admin. The role is a column (one role per user)
/// that the sign-in turns into a role claim, so <c>[Authorize(Roles = ...)]</c> works as usual.
/// </summary>
public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public Role Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
