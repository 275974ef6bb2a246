using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Omnichannel.Channels.Inbound;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Delivery;

public sealed class InboundRetentionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task OnlyAppliedEventsOlderThanTheRetentionAreForgotten()
    {
        var inbox = await fixture.CreateInboxAsync();
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        foreach (var (key, processedDaysAgo) in new (string, int?)[] { ("old-applied", 40), ("recent-applied", 2), ("old-unapplied", null) })
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO inbound_events (inbox_id, provider_key, payload, received_at, processed_at, attempts, next_attempt_at)
                VALUES ($1, $2, '{}', now() - interval '60 days', now() - make_interval(days => $3), 0, now() + interval '1 day')
                """,
                connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = inbox.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)processedDaysAgo ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            await insert.ExecuteNonQueryAsync();
        }

        var worker = fixture.App.Services.GetServices<IHostedService>().OfType<InboundEventWorker>().Single();
        await worker.ForgetOldEventsAsync(CancellationToken.None);

        await using var remaining = new NpgsqlCommand("SELECT string_agg(provider_key, ',' ORDER BY provider_key) FROM inbound_events WHERE inbox_id = $1", connection);
        remaining.Parameters.Add(new NpgsqlParameter { Value = inbox.Id });
        Assert.Equal("old-unapplied,recent-applied", await remaining.ExecuteScalarAsync());
    }
}
