using System.Diagnostics;
using Npgsql;

namespace Omnichannel.Bench;

/// <summary>
/// The baseline: the same rows written straight into <c>messages</c> (same columns, values of the
/// same shape) with one autocommitted INSERT each, over <c>concurrency</c> connections — the floor
/// cost of making a message durable on this server, with no HTTP, EF Core or domain logic.
/// </summary>
public static class InsertBaseline
{
    private const string Insert =
        """
        /* bench */ INSERT INTO messages (id, conversation_id, inbox_id, direction, kind, text, created_at, author_id, status, error, provider_message_id, idempotency_key)
        VALUES ($1, $2, $3, 'Incoming', 'Message', $4, $5, NULL, NULL, NULL, $6, NULL)
        """;

    public static async Task<BaselineRound> RunAsync(BenchHost host, BaselineConversation conversation, IReadOnlyList<SignedWebhook> rows, int concurrency)
    {
        var latencies = new double[rows.Count];
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(InsertAsync)));
        return new BaselineRound(rows.Count, Stopwatch.GetElapsedTime(start), new Latencies(latencies));

        async Task InsertAsync()
        {
            await using var connection = await host.Database.OpenConnectionAsync();
            int i;
            while ((i = Interlocked.Increment(ref next)) < rows.Count)
            {
                await using var command = new NpgsqlCommand(Insert, connection)
                {
                    Parameters =
                    {
                        new() { Value = Guid.CreateVersion7() },
                        new() { Value = conversation.Id },
                        new() { Value = conversation.InboxId },
                        new() { Value = rows[i].Text },
                        new() { Value = DateTimeOffset.UtcNow },
                        new() { Value = rows[i].Wamid },
                    },
                };
                var sent = Stopwatch.GetTimestamp();
                await command.ExecuteNonQueryAsync();
                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }
        }
    }
}

/// <summary>The conversation the baseline rows belong to (the foreign key needs one).</summary>
public sealed record BaselineConversation(Guid Id, Guid InboxId);
