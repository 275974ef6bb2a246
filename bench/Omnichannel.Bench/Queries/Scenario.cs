using System.Net.Http.Headers;

namespace Omnichannel.Bench.Queries;

/// <summary>A signed-in user of the API: an agent (sees the inboxes they are a member of) or a supervisor (sees all).</summary>
public sealed class ApiActor(string role, Guid userId, Guid[]? visibleInboxes, Uri address, string token) : IDisposable
{
    public string Role { get; } = role;

    public Guid UserId { get; } = userId;

    /// <summary>Null: every inbox.</summary>
    public Guid[]? VisibleInboxes { get; } = visibleInboxes;

    /// <summary>One kept-alive connection, as a browser tab or API client would use.</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    public void Dispose() => Client.Dispose();
}

/// <summary>
/// One request shape, e.g. one search term. <paramref name="Path"/> is the API request (null: SQL
/// only); <paramref name="Sql"/> is fixed SQL to replay instead of what the request was seen to send.
/// </summary>
public sealed record Variant(string Label, string? Path, IReadOnlyList<CapturedCommand>? Sql = null);

public enum ScenarioGroup
{
    List,
    Counts,
    Search,
}

/// <param name="Expected">Index groups the plans must use (one index of each group).</param>
/// <param name="Gate">Whether plan violations fail the run (reference SQL of rejected shapes is diagnostic only).</param>
public sealed record Scenario(ScenarioGroup Group, string Name, ApiActor Actor, IReadOnlyList<Variant> Variants, IReadOnlyList<string[]> Expected, double TargetMs, bool Gate = true)
{
    public bool HasApi => Variants.Any(v => v.Path is not null);
}

public sealed record ScenarioResult(
    Scenario Scenario,
    Latencies? Api,
    Latencies Sql,
    Cost? ApiCost,
    Cost? SqlCost,
    int Statements,
    string Rows,
    IReadOnlyList<IReadOnlyList<StatementPlan>> Plans,
    IReadOnlyList<string> Violations,
    IReadOnlyList<string> Warnings,
    string Load,
    string? Note)
{
    /// <summary>What the target is judged on: the API when it was measured, else the SQL.</summary>
    public double P95 => Api is { Count: > 0 } ? Api.Percentile(95) : Sql.Percentile(95);

    public bool Pass => P95 < Scenario.TargetMs;

    public double Ratio => Api is { Count: > 0 } && Sql.Count > 0 ? Api.Percentile(50) / Sql.Percentile(50) : double.NaN;
}
