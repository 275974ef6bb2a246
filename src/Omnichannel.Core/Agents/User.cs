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

    /// <summary>The availability the agent chose (see <see cref="Agents.Availability"/>).</summary>
    public Availability Availability { get; set; } = Availability.Online;

    /// <summary>UI language ("pt-BR", "en"); null follows the browser.</summary>
    public string? Culture { get; set; }

    /// <summary>IANA time zone for dates and times; null uses the browser's.</summary>
    public string? TimeZone { get; set; }
}
