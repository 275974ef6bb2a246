using Npgsql;

namespace Omnichannel.Bench;

/// <summary>The durability settings that decide most of the baseline (an fsync per commit, or not).</summary>
public sealed record ServerSettings(string Version, string Fsync, string SynchronousCommit, string FullPageWrites, bool HasStatementStats)
{
    public static async Task<ServerSettings> ReadAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            """
            /* bench */ SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'),
                   current_setting('full_page_writes'), current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new ServerSettings(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4));
    }

    public override string ToString() =>
        $"PostgreSQL {Version}, fsync={Fsync}, synchronous_commit={SynchronousCommit}, full_page_writes={FullPageWrites}";
}
