using Npgsql;
using NpgsqlTypes;

namespace Omnichannel.Delivery;

/// <summary>
/// Appends raw provider events in one round trip, skipping any already stored. This is the whole
/// synchronous part of a webhook: once it returns, the event is durable and may be acknowledged.
/// </summary>
public sealed class InboundEventStore(NpgsqlDataSource dataSource, InboundWork work)
{
    /// <returns>How many of the keys were new.</returns>
    public async Task<int> AppendAsync(Guid inboxId, IReadOnlyCollection<string> providerKeys, string payload, CancellationToken cancellationToken)
    {
        if (providerKeys.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO inbound_events (inbox_id, provider_key, payload, received_at, attempts, next_attempt_at)
            SELECT $1, key, $3, now(), 0, now() FROM unnest($2) AS key
            ON CONFLICT (inbox_id, provider_key) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = inboxId, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = providerKeys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = payload, NpgsqlDbType = NpgsqlDbType.Text });
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        if (inserted > 0)
        {
            work.Poke();
        }

        return inserted;
    }
}
