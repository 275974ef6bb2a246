using System.Globalization;
using Npgsql;

namespace Omnichannel.Bench.Queries;

/// <summary>
/// CPU time and run-queue wait of this database's PostgreSQL backends, from <c>/proc/&lt;pid&gt;/schedstat</c>
/// (nanoseconds; a backend is one single-threaded process). On a machine shared with other work,
/// latencies mostly measure waiting for a core; CPU per request does not, so it is reported next to them.
/// Needs the server on this machine (it is, for the scripts/postgres.sh clusters); elsewhere it reads zeros.
/// </summary>
public sealed class BackendMeter
{
    private int[] _pids = [];

    public bool Available { get; private set; }

    /// <summary>The client backends connected to this database now (the app's pool and the bench's).</summary>
    public async Task RefreshAsync(NpgsqlDataSource sql)
    {
        await using var command = sql.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'");
        var pids = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        _pids = [.. pids];
        Available = _pids.Any(p => File.Exists($"/proc/{p}/schedstat"));
    }

    public (double CpuMs, double WaitMs) Read()
    {
        long cpu = 0, wait = 0;
        foreach (var pid in _pids)
        {
            try
            {
                var fields = File.ReadAllText($"/proc/{pid}/schedstat").Split(' ');
                cpu += long.Parse(fields[0], CultureInfo.InvariantCulture);
                wait += long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The backend ended (a pool pruned it); its time is lost for this sample.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return (cpu / 1e6, wait / 1e6);
    }

    /// <summary>This process's CPU time (all threads: the app, its EF Core and Npgsql work, and the HTTP client).</summary>
    public static double ProcessCpuMs() => Environment.CpuUsage.TotalTime.TotalMilliseconds;
}
