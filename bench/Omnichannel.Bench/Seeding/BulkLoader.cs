using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Omnichannel.Bench.Seeding;

/// <summary>
/// Writes a <see cref="DataSet"/> with binary COPY. Secondary indexes and foreign keys of the loaded
/// tables are dropped first and recreated afterwards from their own catalog definitions
/// (<c>pg_get_indexdef</c>, <c>pg_get_constraintdef</c>), so the schema ends exactly as the migrations
/// left it. Recreating them also checks the data: a duplicate provider id fails its unique index, a
/// message without its conversation fails the foreign key. Primary keys stay (other tables' foreign
/// keys hang on them). Messages are copied oldest first, as the app would have inserted them, so one
/// conversation's messages are spread over the table as in production.
/// </summary>
public static class BulkLoader
{
    private static readonly string[] Tables = ["contacts", "contact_identities", "conversations", "conversation_labels", "conversation_reads", "messages"];

    private const int MessageChunk = 20_000;

    public static async Task LoadAsync(string connectionString, DataSet data, int parallel, TextWriter output)
    {
        await using var database = new NpgsqlDataSourceBuilder(connectionString) { ConnectionStringBuilder = { MaxPoolSize = parallel + 2, CommandTimeout = 0 } }.Build();

        var (indexes, foreignKeys) = await DropAsync(database);
        BenchReport.Line(output, $"  dropped {indexes.Count} secondary indexes and {foreignKeys.Count} foreign keys of {string.Join(", ", Tables)}");

        var clock = Stopwatch.StartNew();
        // The small tables on one connection while the messages stream over the others.
        var small = CopySmallTablesAsync(database, data);
        await CopyMessagesAsync(database, data, Math.Max(1, parallel));
        await small;
        BenchReport.Line(output, $"  COPY: {data.Contacts.Length:N0} contacts, {data.Conversations.Length:N0} conversations, {data.Messages.Length:N0} messages in {clock.Elapsed.TotalSeconds:0.0} s ({data.Messages.Length / clock.Elapsed.TotalSeconds:N0} messages/s, {parallel} connection(s))");

        clock.Restart();
        var queue = new ConcurrentQueue<string>(indexes.OrderByDescending(i => i.Contains("USING gin", StringComparison.Ordinal)));
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, parallel)).Select(async _ =>
        {
            await using var connection = await database.OpenConnectionAsync();
            await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
            while (queue.TryDequeue(out var definition))
            {
                await ExecuteAsync(connection, definition);
            }
        }));
        BenchReport.Line(output, $"  indexes rebuilt in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        await using (var connection = await database.OpenConnectionAsync())
        {
            foreach (var (table, name, definition) in foreignKeys)
            {
                await ExecuteAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}");
            }
        }

        BenchReport.Line(output, $"  foreign keys validated in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        await using (var connection = await database.OpenConnectionAsync())
        {
            // Sets the visibility map and hint bits (index-only scans, no first-read writes) and gives the planner statistics.
            await ExecuteAsync(connection, "VACUUM (ANALYZE) " + string.Join(", ", Tables));
            await ExecuteAsync(connection, "ANALYZE");
        }

        BenchReport.Line(output, $"  VACUUM ANALYZE in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<(List<string> Indexes, List<(string Table, string Name, string Definition)> ForeignKeys)> DropAsync(NpgsqlDataSource database)
    {
        await using var connection = await database.OpenConnectionAsync();
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT quote_ident(ic.relname), pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """, connection) { Parameters = { new() { Value = Tables } } })
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var foreignKeys = new List<(string Table, string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
            """, connection) { Parameters = { new() { Value = Tables } } })
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (table, name, _) in foreignKeys)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT {name}");
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name}");
        }

        return (indexes.Select(i => i.Definition).ToList(), foreignKeys);
    }

    private static async Task CopySmallTablesAsync(NpgsqlDataSource database, DataSet data)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY contacts (id, name, email, phone, phone_key, notes, custom_attributes, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var contact in data.Contacts)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(contact.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(contact.Name, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, contact.Email, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, contact.Phone, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, contact.PhoneKey, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, contact.Notes, NpgsqlDbType.Varchar);
                await writer.WriteAsync(contact.CustomAttributes, NpgsqlDbType.Jsonb);
                await writer.WriteAsync(contact.CreatedAt, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY contact_identities (id, contact_id, channel, external_id, address) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var contact in data.Contacts)
            {
                await WriteIdentityAsync(writer, contact, contact.Number, contact.Address);
                if (contact.BusinessScopedId is { } bsuid)
                {
                    await WriteIdentityAsync(writer, contact, bsuid, bsuid);
                }
            }

            await writer.CompleteAsync();
        }

        var inboxes = data.Workspace.Inboxes;
        var agents = data.Workspace.Agents;
        await using (var writer = await connection.BeginBinaryImportAsync(
            """
            COPY conversations (id, inbox_id, contact_id, status, snoozed_until, assignee_id, team_id, priority, created_at,
                                last_activity_at, last_incoming_at, last_message_text, last_message_direction, last_message_at, merged_into_id)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var conversation in data.Conversations.OrderBy(c => c.Start))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(conversation.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(inboxes[conversation.Inbox].Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(data.Contacts[conversation.Contact].Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(conversation.Status.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, conversation.SnoozedUntil, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, conversation.Assignee >= 0 ? agents[conversation.Assignee].Id : (Guid?)null, NpgsqlDbType.Uuid);
                await WriteNullableAsync(writer, conversation.Team >= 0 ? data.Workspace.Teams[conversation.Team].Id : (Guid?)null, NpgsqlDbType.Uuid);
                await writer.WriteAsync(conversation.Priority.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(conversation.Start, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(conversation.LastActivityAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, conversation.LastIncomingAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, conversation.LastMessageText, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, conversation.LastMessageDirection?.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, conversation.LastMessageAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, conversation.MergedInto >= 0 ? data.Conversations[conversation.MergedInto].Id : (Guid?)null, NpgsqlDbType.Uuid);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY conversation_labels (conversation_id, label_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var conversation in data.Conversations)
            {
                foreach (var label in conversation.Labels)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(conversation.Id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(data.Workspace.Labels[label].Id, NpgsqlDbType.Uuid);
                }
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY conversation_reads (conversation_id, user_id, last_read_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var conversation in data.Conversations)
            {
                // One marker per agent: the latest wins, as MarkConversationRead's upsert keeps it.
                foreach (var read in conversation.Reads.GroupBy(r => r.User).Select(g => g.MaxBy(r => r.At)))
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(conversation.Id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(read.User, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(read.At, NpgsqlDbType.TimestampTz);
                }
            }

            await writer.CompleteAsync();
        }
    }

    private static async Task WriteIdentityAsync(NpgsqlBinaryImporter writer, ContactRow contact, string externalId, string address)
    {
        await writer.StartRowAsync();
        await writer.WriteAsync(Guid.CreateVersion7(contact.CreatedAt), NpgsqlDbType.Uuid);
        await writer.WriteAsync(contact.Id, NpgsqlDbType.Uuid);
        await writer.WriteAsync("WhatsApp", NpgsqlDbType.Varchar);
        await writer.WriteAsync(externalId, NpgsqlDbType.Varchar);
        await writer.WriteAsync(address, NpgsqlDbType.Varchar);
    }

    /// <summary>Chunks of the time-ordered messages, handed to whichever connection is free: the table stays roughly in arrival order.</summary>
    private static async Task CopyMessagesAsync(NpgsqlDataSource database, DataSet data, int parallel)
    {
        var next = -1;
        var chunks = (data.Messages.Length + MessageChunk - 1) / MessageChunk;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            await using var connection = await database.OpenConnectionAsync();
            int chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks)
            {
                await using var writer = await connection.BeginBinaryImportAsync(
                    """
                    COPY messages (id, conversation_id, inbox_id, direction, kind, text, created_at, received_at, author_id, status, error, provider_message_id)
                    FROM STDIN (FORMAT BINARY)
                    """);
                var end = Math.Min(data.Messages.Length, (chunk + 1) * MessageChunk);
                for (var i = chunk * MessageChunk; i < end; i++)
                {
                    var message = data.Messages[i];
                    var conversation = data.Conversations[message.Conversation];
                    await writer.StartRowAsync();
                    await writer.WriteAsync(message.Id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(conversation.Id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(data.Workspace.Inboxes[conversation.Inbox].Id, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(message.Direction.ToString(), NpgsqlDbType.Varchar);
                    await writer.WriteAsync(message.Kind.ToString(), NpgsqlDbType.Varchar);
                    await writer.WriteAsync(message.Text, NpgsqlDbType.Text);
                    await writer.WriteAsync(message.CreatedAt, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(message.ReceivedAt, NpgsqlDbType.TimestampTz);
                    await WriteNullableAsync(writer, message.AuthorId, NpgsqlDbType.Uuid);
                    await WriteNullableAsync(writer, message.Status?.ToString(), NpgsqlDbType.Varchar);
                    await WriteNullableAsync(writer, message.Error, NpgsqlDbType.Varchar);
                    await WriteNullableAsync(writer, message.ProviderMessageId, NpgsqlDbType.Varchar);
                }

                await writer.CompleteAsync();
            }
        })));
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value, type);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            await writer.WriteAsync(v, type);
        }
        else
        {
            await writer.WriteNullAsync();
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Checks the denormalised columns against the messages, the way the app maintains them.</summary>
    public static async Task<long> CountInconsistentConversationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM conversations c
            JOIN (SELECT conversation_id, max(created_at) AS last_at,
                         max(received_at) FILTER (WHERE direction = 'Incoming' AND kind = 'Message') AS last_incoming,
                         max(created_at) FILTER (WHERE kind = 'Message') AS last_message
                  FROM messages GROUP BY conversation_id) m ON m.conversation_id = c.id
            WHERE c.last_activity_at <> m.last_at
               OR c.last_incoming_at IS DISTINCT FROM m.last_incoming
               OR c.last_message_at IS DISTINCT FROM m.last_message
            """, connection) { CommandTimeout = 0 };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
