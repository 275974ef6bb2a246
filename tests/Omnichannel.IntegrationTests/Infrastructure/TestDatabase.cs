using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.Data;
using Testcontainers.PostgreSql;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>
/// Real PostgreSQL for tests: <c>OMNICHANNEL_TEST_DB</c> if set (scripts/test.sh sets it), else a
/// Testcontainers container when a Docker engine answers, else the private cluster that
/// scripts/postgres.sh provisions. Migrations are applied once to a template database; every test
/// class then gets its own copy (CREATE DATABASE … TEMPLATE), which takes a fraction of a second.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _server;
    private static string? _template;

    public static async Task<string> CreateAsync()
    {
        var (server, template) = await TemplateAsync();
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {template}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<(string Server, string Template)> TemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null && _template is not null)
            {
                return (_server, _template);
            }

            var server = await ServerAsync();
            var template = await EnsureTemplateAsync(server);
            (_server, _template) = (server, template);
            return (server, template);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> EnsureTemplateAsync(string server)
    {
        var migrations = MigrationIds();
        var template = "omnichannel_tpl_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(",", migrations))))[..12];

        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        // Test projects run in parallel processes: one builds the template, the others wait.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(724311)", admin))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        try
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = template } } };
            if (await exists.ExecuteScalarAsync() is null)
            {
                var building = template + "_building";
                await Execute(admin, $"DROP DATABASE IF EXISTS {building} WITH (FORCE)");
                await Execute(admin, $"CREATE DATABASE {building}");
                await MigrateAsync(new NpgsqlConnectionStringBuilder(server) { Database = building }.ConnectionString);
                NpgsqlConnection.ClearAllPools();
                await Execute(admin, $"ALTER DATABASE {building} RENAME TO {template}");
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(724311)", admin);
            await unlock.ExecuteNonQueryAsync();
        }

        return template;
    }

    private static async Task MigrateAsync(string connectionString)
    {
        var services = new ServiceCollection().AddCore(connectionString).BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Database.MigrateAsync();
        }
    }

    private static List<string> MigrationIds()
    {
        var services = new ServiceCollection().AddCore("Host=unused").BuildServiceProvider();
        using (services)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            return db.Database.GetMigrations().ToList();
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ServerAsync()
    {
        if (Environment.GetEnvironmentVariable("OMNICHANNEL_TEST_DB") is { Length: > 0 } configured)
        {
            return configured;
        }

        if (await DockerAnswersAsync())
        {
            var container = new PostgreSqlBuilder("postgres:16").Build();
            await container.StartAsync();
            return container.GetConnectionString();
        }

        return await ProvisionLocalClusterAsync();
    }

    private static async Task<bool> DockerAnswersAsync()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await docker.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            return docker.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<string> ProvisionLocalClusterAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "postgres.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "ensure", "test"]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} ensure test failed (exit {process.ExitCode}); run scripts/test.sh or set OMNICHANNEL_TEST_DB.");
        }

        return output.Trim();
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Omnichannel.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Omnichannel.sln).");
    }
}
