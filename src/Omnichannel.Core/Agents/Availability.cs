namespace Omnichannel.Agents;

/// <summary>
/// What an agent chose to be. Only "online" agents with at least one open tab receive routed
/// conversations; with no open tab an agent shows as offline whatever they chose.
/// </summary>
public enum Availability
{
    Offline,
    Busy,
    Online,
}

/// <summary>
/// One open inbox tab (a Blazor circuit) of an agent, kept alive by its app instance's heartbeat.
/// Rows of a crashed instance expire; an agent with no live row is offline.
/// </summary>
public sealed class AgentConnection
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    /// <summary>The app instance holding the connection (rows are cleaned up with it).</summary>
    public Guid InstanceId { get; init; }

    public DateTimeOffset ConnectedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }
}
