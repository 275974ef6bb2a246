using System.Diagnostics;
using Npgsql;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.Bench;

/// <summary>
/// The PostgreSQL server that holds a seeded data set: <c>OMNICHANNEL_TEST_DB</c>, else the private
/// 'test' cluster (scripts/postgres.sh ensure test). Never a Testcontainers container, which would
/// vanish with the process and take the seeded database with it.
/// </summary>
public static class BenchServer
{
    public const string EnvironmentVariable = "OMNICHANNEL_TEST_DB";

    public static async Task<string> ConnectionStringAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var script = Path.Combine(TestDatabase.RepositoryRoot(), "scripts", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "ensure", "test"]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} ensure test failed (exit {process.ExitCode}); set {EnvironmentVariable}.");
        }

        var server = output.Trim();
        // TestDatabase (the migrated template) must use the same server.
        Environment.SetEnvironmentVariable(EnvironmentVariable, server);
        return server;
    }

    public static string ForDatabase(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    public static async Task<bool> DatabaseExistsAsync(string server, string database)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        return await command.ExecuteScalarAsync() is not null;
    }
}
