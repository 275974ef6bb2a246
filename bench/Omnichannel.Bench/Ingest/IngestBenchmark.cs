using Npgsql;

namespace Omnichannel.Bench;

/// <summary>
/// Sets up one app and database, warms both paths up, then runs baseline and pipeline back to back
/// in every round (alternating which goes first) and reports each round and the medians.
/// </summary>
public static class IngestBenchmark
{
    private const int WarmupBatch = 0;
    private const int BaselineCustomerBatch = 99;
    private const int ProfileBatch = 98;
    public const int MaxRounds = 90;

    public static async Task<IReadOnlyList<RoundResult>> RunAsync(BenchOptions options, TextWriter output)
    {
        await using var host = await BenchHost.StartAsync(options.Concurrency);
        var server = await ServerSettings.ReadAsync(host.Database);
        BenchReport.Header(output, options, server);

        var inbox = await host.CreateInboxAsync("100000000000001");
        var baseline = await StartBaselineConversationAsync(host);

        // JIT, both connection pools, EF Core's query cache, the Data Protection key ring.
        await WebhookLoad.RunAsync(host, inbox, CustomerTraffic.Build(inbox, WarmupBatch, options.Warmup, options.Customers), options.Concurrency);
        await InsertBaseline.RunAsync(host, baseline, CustomerTraffic.Build(inbox, WarmupBatch, options.Warmup, options.Customers), options.Concurrency);

        // A fresh database has no statistics until autovacuum gets to it (up to a minute): without this,
        // some rounds run on seq-scan plans a production database would not use.
        await using (var analyze = host.Database.CreateCommand("/* bench */ ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var rounds = new List<RoundResult>();
        for (var number = 1; number <= options.Rounds; number++)
        {
            // Fresh customers every round, so each round creates the same share of contacts and conversations.
            var webhooks = CustomerTraffic.Build(inbox, number, options.Messages, options.Customers);
            var rows = CustomerTraffic.Build(inbox, number, options.Messages, options.Customers);

            // Alternating the order keeps either side from always inheriting the other's aftermath (autovacuum, checkpoints).
            var baselineFirst = number % 2 == 1;
            BaselineRound? inserted = null;
            if (baselineFirst)
            {
                inserted = await Measure(() => InsertBaseline.RunAsync(host, baseline, rows, options.Concurrency));
            }

            var pipeline = await Measure(() => WebhookLoad.RunAsync(host, inbox, webhooks, options.Concurrency));
            inserted ??= await Measure(() => InsertBaseline.RunAsync(host, baseline, rows, options.Concurrency));

            var round = new RoundResult(number, baselineFirst, inserted, pipeline);
            rounds.Add(round);
            BenchReport.Round(output, round);
        }

        BenchReport.Summary(output, rounds);
        BenchReport.Line(output, $"inbound events that failed at least once: {await host.CountFailedEventsAsync()}");
        if (options.Statements)
        {
            await StatementProfile.RunAsync(host, server, CustomerTraffic.Build(inbox, ProfileBatch, options.Messages, options.Customers), inbox, options.Concurrency, output);
        }

        return rounds;
    }

    /// <summary>Starts each measurement without the previous one's garbage.</summary>
    private static Task<T> Measure<T>(Func<Task<T>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return run();
    }

    /// <summary>Baseline rows need a conversation to belong to: one customer message through the app makes it.</summary>
    private static async Task<BaselineConversation> StartBaselineConversationAsync(BenchHost host)
    {
        var inbox = await host.CreateInboxAsync("100000000000002");
        await WebhookLoad.RunAsync(host, inbox, CustomerTraffic.Build(inbox, BaselineCustomerBatch, 1, 1), concurrency: 1);
        await using var command = host.Database.CreateCommand("/* bench */ SELECT id FROM conversations WHERE inbox_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = inbox.Id });
        return new BaselineConversation((Guid)(await command.ExecuteScalarAsync())!, inbox.Id);
    }
}
