using System.Globalization;

namespace Omnichannel.Bench;

/// <summary>Command-line options. Defaults keep a run near a minute on a 2-core machine at today's pipeline speed.</summary>
public sealed record BenchOptions(int Messages, int Concurrency, int Rounds, int Customers, int Warmup, bool Statements)
{
    public const string Usage =
        """
        usage: dotnet run -c Release --project bench/Omnichannel.Bench -- [ingest] [options]
          --messages N      messages per measured round (default 2000)
          --concurrency N   parallel webhook senders / baseline connections (default 16)
          --rounds N        baseline+pipeline rounds, alternating order; medians are reported (default 3)
          --customers N     distinct WhatsApp numbers sending per round (default 1000)
          --warmup N        unmeasured messages before the first round (default 1000)
          --statements      afterwards, profile one pipeline round with pg_stat_statements
                            (the server must have shared_preload_libraries = 'pg_stat_statements')
        Server: OMNICHANNEL_TEST_DB, else the private 'test' cluster (scripts/postgres.sh ensure test).
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(Messages: 2000, Concurrency: 16, Rounds: 3, Customers: 1000, Warmup: 1000, Statements: false);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name} needs a positive whole number.\n{Usage}");

            options = name switch
            {
                "--messages" => options with { Messages = Next() },
                "--concurrency" => options with { Concurrency = Next() },
                "--rounds" => options with { Rounds = Next() },
                "--customers" => options with { Customers = Next() },
                "--warmup" => options with { Warmup = Next() },
                "--statements" => options with { Statements = true },
                _ => throw new ArgumentException($"Unknown option '{name}'.\n{Usage}"),
            };
        }

        return options;
    }
}
