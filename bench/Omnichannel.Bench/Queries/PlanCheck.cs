using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Omnichannel.Bench.Queries;

/// <summary>A scan node of an executed plan: what it read (rows returned plus rows its filter threw away, over all loops).</summary>
public sealed record ScanNode(string Node, string Table, string? Index, long RowsRead);

/// <summary>One statement's <c>EXPLAIN (ANALYZE, BUFFERS)</c>: the plan text and its scans.</summary>
public sealed record StatementPlan(CapturedCommand Command, string Plan, IReadOnlyList<ScanNode> Scans, double ExecutionMs)
{
    public IEnumerable<string> Indexes => Scans.Where(s => s.Index is not null).Select(s => s.Index!).Distinct();
}

/// <summary>
/// Runs <c>EXPLAIN (ANALYZE, BUFFERS)</c> on the statements a request sent, with the same parameters,
/// and checks the plans against the tables that grow with traffic (<see cref="GrowingTables"/>):
/// <list type="bullet">
/// <item>a sequential scan on one of them that reads 10 % of the table or more fails the run
/// ("INDEX NOT USED"); one that stops early under a LIMIT is only reported;</item>
/// <item>an index scan that reads half the table or more (e.g. walking <c>pk_messages</c> backwards
/// for a word that never matches) fails it too ("INDEX NOT SELECTIVE");</item>
/// <item>each scenario names the indexes it expects (any one of each group must appear).</item>
/// </list>
/// </summary>
public static partial class PlanCheck
{
    public static readonly string[] GrowingTables = ["conversations", "messages"];

    /// <summary>Sizeable, but a sequential scan there may be the planner's honest choice: reported, not fatal.</summary>
    public static readonly string[] WatchedTables = ["contacts", "contact_identities", "conversation_reads", "conversation_labels"];

    public static async Task<Dictionary<string, double>> TableRowsAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relname = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = GrowingTables });
        var rows = new Dictionary<string, double>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetFloat(1);
        }

        return rows;
    }

    public static async Task<StatementPlan> ExplainAsync(NpgsqlDataSource database, CapturedCommand command)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var explain = command.ToCommand(connection, "EXPLAIN (ANALYZE, BUFFERS) ");
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        var plan = string.Join('\n', lines);
        var execution = ExecutionTime().Match(plan) is { Success: true } match ? double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture) : double.NaN;
        return new StatementPlan(command, plan, Scans(lines), execution);
    }

    /// <summary>Problems with a request's plans (see the class summary); empty when it passes.</summary>
    public static List<string> Violations(IReadOnlyList<StatementPlan> plans, IReadOnlyList<string[]> expected, IReadOnlyDictionary<string, double> tableRows)
    {
        var violations = new List<string>();
        foreach (var scan in plans.SelectMany(p => p.Scans).Where(s => GrowingTables.Contains(s.Table)))
        {
            var share = tableRows.TryGetValue(scan.Table, out var total) && total > 0 ? scan.RowsRead / total : 0;
            if (scan.Node.Contains("Seq Scan", StringComparison.Ordinal) && share >= 0.10)
            {
                violations.Add($"INDEX NOT USED: {scan.Node} on {scan.Table} read {scan.RowsRead:N0} rows ({share:P0} of the table)");
            }
            else if (scan.Index is not null && share >= 0.5)
            {
                violations.Add($"INDEX NOT SELECTIVE: {scan.Node} using {scan.Index} on {scan.Table} read {scan.RowsRead:N0} rows ({share:P0} of the table)");
            }
        }

        var used = plans.SelectMany(p => p.Indexes).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(expected.Where(group => !group.Any(used.Contains)).Select(group => $"INDEX NOT USED: expected {string.Join(" or ", group)}"));
        return violations;
    }

    public static IEnumerable<string> Warnings(IReadOnlyList<StatementPlan> plans, IReadOnlyDictionary<string, double> tableRows) =>
        plans.SelectMany(p => p.Scans)
            .Where(s => s.Node.Contains("Seq Scan", StringComparison.Ordinal) && (WatchedTables.Contains(s.Table) || (GrowingTables.Contains(s.Table) && tableRows.TryGetValue(s.Table, out var total) && s.RowsRead < 0.10 * total)))
            .Select(s => $"{s.Node} on {s.Table} ({s.RowsRead:N0} rows read)")
            .Distinct();

    private static List<ScanNode> Scans(List<string> lines)
    {
        var scans = new List<ScanNode>();
        for (var i = 0; i < lines.Count; i++)
        {
            var node = ScanLine().Match(lines[i]);
            if (!node.Success)
            {
                continue;
            }

            // "(never executed)": the planner still chose the index, it just was not needed (e.g. no rows above it).
            var actual = Actual().Match(lines[i]);
            var loops = actual.Success ? long.Parse(actual.Groups["loops"].Value, CultureInfo.InvariantCulture) : 0;
            var rows = actual.Success ? long.Parse(actual.Groups["rows"].Value, CultureInfo.InvariantCulture) : 0;
            // The node's own detail lines follow it until the next node ("->").
            for (var j = i + 1; j < lines.Count && !lines[j].Contains("->", StringComparison.Ordinal); j++)
            {
                if (RemovedByFilter().Match(lines[j]) is { Success: true } removed)
                {
                    rows += long.Parse(removed.Groups["rows"].Value, CultureInfo.InvariantCulture);
                }
            }

            var name = node.Groups["node"].Value;
            // "Bitmap Index Scan on <index>" names the index; its Bitmap Heap Scan parent names the table.
            scans.Add(name.EndsWith("Bitmap Index Scan", StringComparison.Ordinal)
                ? new ScanNode(name, "", node.Groups["table"].Value, rows * loops)
                : new ScanNode(name, node.Groups["table"].Value, node.Groups["index"].Success ? node.Groups["index"].Value : null, rows * loops));
        }

        return scans;
    }

    [GeneratedRegex(@"(?<node>(?:Parallel )?(?:Seq Scan|Index Scan(?: Backward)?|Index Only Scan(?: Backward)?|Bitmap Heap Scan|Bitmap Index Scan))(?: using (?<index>[a-z0-9_]+))? on (?<table>[a-z0-9_]+)")]
    private static partial Regex ScanLine();

    [GeneratedRegex(@"actual time=[0-9.]+\.\.[0-9.]+ rows=(?<rows>[0-9]+) loops=(?<loops>[0-9]+)")]
    private static partial Regex Actual();

    [GeneratedRegex(@"Rows Removed by (?:Filter|Index Recheck): (?<rows>[0-9]+)")]
    private static partial Regex RemovedByFilter();

    [GeneratedRegex(@"Execution Time: (?<ms>[0-9.]+) ms")]
    private static partial Regex ExecutionTime();
}
