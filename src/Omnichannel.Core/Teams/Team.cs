namespace Omnichannel.Teams;

/// <summary>A group of agents conversations can be assigned to (e.g. "Billing").</summary>
public sealed class Team
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<TeamMember> Members { get; init; } = [];
}

public sealed class TeamMember
{
    public Guid TeamId { get; init; }

    public Guid UserId { get; init; }
}
