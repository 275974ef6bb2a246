using System.Globalization;

namespace Omnichannel.Bench.Queries;

/// <summary>The query benchmark's output: one row per scenario as it completes, the plans, then the verdicts.</summary>
public static class QueryReport
{
    private const int NameWidth = 42;

    public static void Header(TextWriter output)
    {
        output.WriteLine("cpu: mean CPU ms per request: this process (the app, for API requests) and the PostgreSQL backends (db), for the API request and for its SQL replay;");
        output.WriteLine("     wait: mean ms the backends spent runnable but waiting for a core during the SQL replay (the machine's load, not the query)");
        output.WriteLine($"{"scenario",-NameWidth} {"user",-10} {"rows",7} {"n",4} | {"API p50",7} {"p95",7} {"p99",7} | {"SQL p50",7} {"p95",7} {"p99",7} {"stmts",5} | {"API÷SQL",7} | {"cpu app",7} {"db",5} {"sql db",6} {"wait",5} | {"target",6} {"",4} | {"load",5} plan");
    }

    public static void Row(TextWriter output, ScenarioResult r)
    {
        var api = r.Api is { Count: > 0 } a ? $"{F(a.Percentile(50)),7} {F(a.Percentile(95)),7} {F(a.Percentile(99)),7}" : $"{"—",7} {"—",7} {"—",7}";
        var sql = r.Sql.Count > 0 ? $"{F(r.Sql.Percentile(50)),7} {F(r.Sql.Percentile(95)),7} {F(r.Sql.Percentile(99)),7}" : $"{"—",7} {"—",7} {"—",7}";
        var cpu = $"{F(r.ApiCost?.ProcessCpuMs ?? double.NaN),7} {F(r.ApiCost?.DbCpuMs ?? double.NaN),5} {F(r.SqlCost?.DbCpuMs ?? double.NaN),6} {F(r.SqlCost?.DbWaitMs ?? double.NaN),5}";
        var samples = Math.Max(r.Api?.Count ?? 0, r.Sql.Count);
        var plan = r.Violations.Count > 0 ? string.Join("; ", r.Violations) : "ok " + string.Join(", ", UsedIndexes(r).Take(4));
        var name = r.Scenario.Name.Length > NameWidth ? r.Scenario.Name[..NameWidth] : r.Scenario.Name;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-NameWidth} {r.Scenario.Actor.Role,-10} {r.Rows,7} {samples,4} | {api} | {sql} {r.Statements,5} | {(double.IsNaN(r.Ratio) ? "—" : r.Ratio.ToString("0.0", CultureInfo.InvariantCulture) + "×"),7} | {cpu} | {"<" + r.Scenario.TargetMs.ToString("0", CultureInfo.InvariantCulture),6} {(r.Pass ? "PASS" : "FAIL"),4} | {r.Load,5} {plan}"));
        foreach (var warning in r.Warnings)
        {
            output.WriteLine($"{"",NameWidth}   note: {warning}");
        }

        if (r.Note is not null)
        {
            output.WriteLine($"{"",NameWidth}   note: {r.Note}");
        }
    }

    /// <summary>The slowest statement of each scenario (every statement with <paramref name="all"/>), as EXPLAIN (ANALYZE, BUFFERS) printed it.</summary>
    public static void Plans(TextWriter output, IReadOnlyList<ScenarioResult> results, bool all)
    {
        output.WriteLine();
        output.WriteLine(all ? "plans (every statement, first request shape of each scenario):" : "plans (the slowest statement of each scenario's first request shape; --plans for all):");
        foreach (var result in results)
        {
            var statements = result.Plans.Count > 0 ? result.Plans[0] : [];
            var shown = all ? statements : statements.OrderByDescending(p => double.IsNaN(p.ExecutionMs) ? 0 : p.ExecutionMs).Take(1);
            foreach (var plan in shown)
            {
                output.WriteLine();
                output.WriteLine($"--- {result.Scenario.Name} ({result.Scenario.Actor.Role}), {plan.ExecutionMs.ToString("0.000", CultureInfo.InvariantCulture)} ms; of {statements.Count} statement(s): {string.Join(" | ", statements.Select(s => s.Command.Summary))}");
                output.WriteLine(plan.Command.Sql);
                output.WriteLine(plan.Plan);
            }
        }
    }

    /// <returns>Whether a gated plan check failed.</returns>
    public static bool Verdicts(TextWriter output, IReadOnlyList<ScenarioResult> results, bool searchMissing)
    {
        output.WriteLine();
        output.WriteLine("targets (p95 of the API; SQL where there is no API):");
        Verdict(output, "conversation list", results.Where(r => r.Scenario.Group == ScenarioGroup.List).ToList(), QueryCommand.ListTargetMs);
        Verdict(output, "counters", results.Where(r => r.Scenario.Group == ScenarioGroup.Counts).ToList(), QueryCommand.ListTargetMs);
        Verdict(output, "search (API)", results.Where(r => r.Scenario.Group == ScenarioGroup.Search && r.Scenario.HasApi).ToList(), QueryCommand.SearchTargetMs);
        if (searchMissing)
        {
            output.WriteLine("  search (API)          not measured: GET /api/v1/search answers 404 (not merged yet)");
        }

        foreach (var shape in results.Where(r => r.Scenario.Group == ScenarioGroup.Search && !r.Scenario.HasApi).GroupBy(r => r.Scenario.Name.Split(':')[0]))
        {
            Verdict(output, shape.Key + " (SQL only)", shape.ToList(), QueryCommand.SearchTargetMs);
        }

        var failures = results.SelectMany(r => r.Violations.Where(v => !v.StartsWith("(diagnostic)", StringComparison.Ordinal)).Select(v => $"{r.Scenario.Name} ({r.Scenario.Actor.Role}): {v}")).ToList();
        output.WriteLine();
        if (failures.Count == 0)
        {
            output.WriteLine("plan check: PASS (no sequential or non-selective scan of conversations/messages; expected indexes used)");
        }
        else
        {
            output.WriteLine($"plan check: FAIL, {failures.Count} problem(s):");
            foreach (var failure in failures)
            {
                output.WriteLine("  " + failure);
            }
        }

        return failures.Count > 0;
    }

    private static void Verdict(TextWriter output, string name, List<ScenarioResult> results, double target)
    {
        if (results.Count == 0)
        {
            return;
        }

        var worst = results.MaxBy(r => r.P95)!;
        var passed = results.Count(r => r.Pass);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-22} worst p95 {F(worst.P95),7} ms ({worst.Scenario.Name}, {worst.Scenario.Actor.Role}); {passed}/{results.Count} scenarios under {target:0} ms: {(passed == results.Count ? "PASS" : "FAIL")}"));
    }

    private static IEnumerable<string> UsedIndexes(ScenarioResult r) =>
        r.Plans.SelectMany(p => p).SelectMany(p => p.Indexes).Distinct().Where(i => !i.StartsWith("pk_", StringComparison.Ordinal) && !i.StartsWith("ix_inbox_members", StringComparison.Ordinal) && !i.StartsWith("ix_api_tokens", StringComparison.Ordinal) && i != "AspNetUsers");

    private static string F(double value) => double.IsNaN(value) ? "—" : value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}
