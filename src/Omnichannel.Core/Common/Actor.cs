using Omnichannel.Agents;

namespace Omnichannel.Common;

/// <summary>The authenticated user on whose behalf a use case runs.</summary>
public sealed record Actor(Guid UserId, string Name, Role Role)
{
    /// <summary>Supervisors and admins see every inbox; agents only those they are members of.</summary>
    public bool SeesAllInboxes => Role is Role.Supervisor or Role.Admin;

    public bool IsAdmin => Role == Role.Admin;
}

/// <summary>
/// Scoped holder of the acting user. The web host fills it per HTTP request (from claims) and
/// per Blazor operation (from the circuit's user); handlers read it.
/// </summary>
public sealed class CurrentActor
{
    private Actor? _actor;

    public Actor Value => _actor ?? throw new ForbiddenException("This operation needs a signed-in user.");

    public bool IsSet => _actor is not null;

    public void Set(Actor actor) => _actor = actor;
}
