using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using Omnichannel.Conversations;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.Bench.Seeding;

/// <summary>
/// <c>seed</c>: creates a named database from the integration tests' migrated template, adds the
/// workspace through the admin API, then bulk-loads contacts, conversations and messages (see
/// <see cref="DataSet"/>, <see cref="BulkLoader"/>). The database stays for any number of <c>query</c> runs.
/// </summary>
public static class SeedCommand
{
    public const string DefaultDatabase = "omnichannel_bench";

    public const string Usage =
        """
        usage: dotnet run -c Release --project bench/Omnichannel.Bench -- seed [options]
          --conversations N  conversations (default 100000)
          --messages N       messages (default 1000000)
          --contacts N       contacts with a WhatsApp identity (default 30% of conversations)
          --database NAME    database to create (default omnichannel_bench)
          --seed N           random seed; the same seed gives the same data (default 42)
          --parallel N       COPY and CREATE INDEX connections (default 2)
          --recreate         drop the database first if it exists
        Server: OMNICHANNEL_TEST_DB, else the private 'test' cluster (scripts/postgres.sh ensure test).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var line = new CommandLine(args, Usage, ["--conversations", "--messages", "--contacts", "--database", "--seed", "--parallel"], ["--recreate"]);
        var conversations = line.Number("--conversations", 100_000);
        var size = new SeedSize(conversations, line.Number("--messages", 1_000_000), line.Number("--contacts", Math.Max(1, conversations * 3 / 10)), line.Number("--seed", 42));
        var database = line.Text("--database", DefaultDatabase);
        if (!System.Text.RegularExpressions.Regex.IsMatch(database, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new ArgumentException($"--database must be a lower-case identifier.\n{Usage}");
        }

        if (size.Messages < size.Conversations)
        {
            throw new ArgumentException("--messages must be at least --conversations (every conversation starts with a message).");
        }

        var total = Stopwatch.StartNew();
        var server = await BenchServer.ConnectionStringAsync();
        BenchReport.Line(output, $"Omnichannel seed: {size.Conversations:N0} conversations, {size.Messages:N0} messages, {size.Contacts:N0} contacts, seed {size.Seed} → database '{database}'");
        BenchReport.Line(output, $"machine: {Environment.ProcessorCount} cores, load average {BenchReport.LoadAverage()}");
        if (await BenchServer.DatabaseExistsAsync(server, database))
        {
            if (!line.Has("--recreate"))
            {
                output.WriteLine($"Database '{database}' already exists; run `query` against it, or pass --recreate to seed it again.");
                return 2;
            }

            await ExecuteAsync(server, $"DROP DATABASE {database} WITH (FORCE)");
        }

        // A copy of the migrated template (the migrations run once per migration set), renamed.
        var scratch = await TestDatabase.CreateAsync();
        await ExecuteAsync(server, $"ALTER DATABASE {new NpgsqlConnectionStringBuilder(scratch).Database} RENAME TO {database}");
        var connectionString = BenchServer.ForDatabase(server, database);
        BenchReport.Line(output, $"database: created from the migrated template in {total.Elapsed.TotalSeconds:0.0} s");

        var clock = Stopwatch.StartNew();
        Workspace workspace;
        // The content root manifest is found relative to the working directory (see BenchHost).
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using (var app = new OmnichannelApp(connectionString))
        {
            workspace = await Workspace.CreateAsync(app, output);
        }

        NpgsqlConnection.ClearAllPools();
        BenchReport.Line(output, $"  in {clock.Elapsed.TotalSeconds:0.0} s (app start, bootstrap admin, Identity password hashing)");

        clock.Restart();
        var now = DateTimeOffset.UtcNow;
        var data = DataSet.Generate(workspace, size, now);
        BenchReport.Line(output, $"generated in memory in {clock.Elapsed.TotalSeconds:0.0} s");
        Describe(data, output);

        clock.Restart();
        output.WriteLine("bulk load:");
        await BulkLoader.LoadAsync(connectionString, data, line.Number("--parallel", 2), output);
        var inconsistent = await BulkLoader.CountInconsistentConversationsAsync(connectionString);
        BenchReport.Line(output, $"  conversations whose last_activity_at / last_incoming_at / last_message_at disagree with their messages: {inconsistent}");

        var description = JsonSerializer.Serialize(new
        {
            kind = "omnichannel-bench",
            conversations = size.Conversations,
            messages = size.Messages,
            contacts = size.Contacts,
            seed = size.Seed,
            seededAt = now.ToString("O", CultureInfo.InvariantCulture),
        });
        await ExecuteAsync(connectionString, $"COMMENT ON DATABASE {database} IS '{description.Replace("'", "''", StringComparison.Ordinal)}'");
        BenchReport.Line(output, $"{await SizesAsync(connectionString)}");
        BenchReport.Line(output, $"seeded '{database}' in {total.Elapsed.TotalSeconds:0.0} s (load average {BenchReport.LoadAverage()})");
        return inconsistent == 0 ? 0 : 1;
    }

    private static void Describe(DataSet data, TextWriter output)
    {
        var statuses = data.Conversations.GroupBy(c => c.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {100.0 * g.Count() / data.Conversations.Length:0.0}%");
        var kinds = data.Messages.GroupBy(m => (m.Direction, m.Kind)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key.Direction}/{g.Key.Kind} {100.0 * g.Count() / data.Messages.Length:0.0}%");
        var assigned = data.Conversations.Count(c => c.Assignee >= 0);
        var reads = data.Conversations.Sum(c => c.Reads.Select(r => r.User).Distinct().Count());
        var perConversation = data.Conversations.Select(c => (double)c.MessageCount).ToArray();
        var counts = new Latencies(perConversation);
        BenchReport.Line(output, $"  conversations: {string.Join(", ", statuses)}; {100.0 * assigned / data.Conversations.Length:0}% assigned; {data.Conversations.Count(c => c.Labels.Length > 0):N0} labelled; {data.Conversations.Count(c => c.MergedInto >= 0)} merged");
        BenchReport.Line(output, $"  messages: {string.Join(", ", kinds)}; per conversation p50 {counts.Percentile(50)}, p95 {counts.Percentile(95)}, max {counts.Percentile(100)}; mean text {data.Messages.Average(m => m.Text.Length):0} chars");
        BenchReport.Line(output, $"  read markers: {reads:N0}; English conversations: {data.Conversations.Count(c => c.English):N0}; open with the customer waiting: {data.Conversations.Count(c => c.CustomerWaiting):N0}");
        BenchReport.Line(output, $"  time span: {data.Messages[0].CreatedAt:yyyy-MM-dd} → {data.Messages[^1].CreatedAt:yyyy-MM-dd HH:mm} UTC; incoming share {100.0 * data.Messages.Count(m => m.Direction == MessageDirection.Incoming) / data.Messages.Length:0}%");
    }

    private static async Task<string> SizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)), ', ' ORDER BY pg_total_relation_size(oid) DESC)
            FROM pg_class WHERE relname IN ('messages', 'conversations', 'contacts', 'contact_identities', 'conversation_reads', 'conversation_labels')
            """, connection);
        return "sizes (with indexes): " + (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
