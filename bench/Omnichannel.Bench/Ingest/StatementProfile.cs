namespace Omnichannel.Bench;

/// <summary>
/// What the pipeline asks of PostgreSQL per message: one extra pipeline round with
/// pg_stat_statements reset before it. Statements are not round trips one for one (EF Core batches
/// a SaveChanges into one), but every SELECT, SAVEPOINT and RELEASE here is a round trip of its own.
/// </summary>
public static class StatementProfile
{
    public static async Task RunAsync(BenchHost host, ServerSettings server, IReadOnlyList<SignedWebhook> webhooks, BenchInbox inbox, int concurrency, TextWriter output)
    {
        output.WriteLine();
        if (!server.HasStatementStats)
        {
            output.WriteLine("--statements: pg_stat_statements is not in shared_preload_libraries on this server; skipped (see docs/benchmarks.md).");
            return;
        }

        await Execute(host, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        // Resets the whole cluster's statistics: meant for a scratch cluster (docs/benchmarks.md).
        await Execute(host, "SELECT pg_stat_statements_reset()");
        var round = await WebhookLoad.RunAsync(host, inbox, webhooks, concurrency);

        await using var command = host.Database.CreateCommand(
            """
            /* bench */ SELECT calls, total_exec_time, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%/* bench */%'
            ORDER BY calls DESC, total_exec_time DESC
            """);
        await using var reader = await command.ExecuteReaderAsync();
        BenchReport.Line(output, $"statements per message (pg_stat_statements, {round.Messages} messages, applied in {round.Applied.TotalSeconds:0.0} s):");
        output.WriteLine("  calls/msg  server ms/msg  mean ms  statement");
        double calls = 0, milliseconds = 0;
        while (await reader.ReadAsync())
        {
            var perMessage = reader.GetInt64(0) / (double)round.Messages;
            var time = reader.GetDouble(1) / round.Messages;
            calls += perMessage;
            milliseconds += time;
            var query = reader.GetString(2);
            BenchReport.Line(output, $"  {perMessage,9:0.00} {time,14:0.000} {reader.GetDouble(1) / reader.GetInt64(0),8:0.000}  {(query.Length > 120 ? query[..120] + "…" : query)}");
        }

        BenchReport.Line(output, $"  {calls,9:0.00} {milliseconds,14:0.000}           total; wall time per applied message: {round.Applied.TotalMilliseconds / round.Messages:0.000} ms");
    }

    private static async Task Execute(BenchHost host, string sql)
    {
        await using var command = host.Database.CreateCommand("/* bench */ " + sql);
        await command.ExecuteNonQueryAsync();
    }
}
