using Omnichannel.Bench;
using Omnichannel.Bench.Queries;
using Omnichannel.Bench.Seeding;

// Sub-commands (docs/benchmarks.md):
//   ingest (the default): signed WhatsApp webhooks through the real HTTP pipeline vs plain INSERTs
//   seed:  a 100k-conversation / 1M-message data set in a database that stays
//   query: conversation list, counters and search on that data set, through the API and in SQL, with plan checks
const string usage =
    """
    usage: dotnet run -c Release --project bench/Omnichannel.Bench -- [ingest|seed|query] [options]
           (no sub-command runs ingest; pass --help after a sub-command for its options)
    """;

var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "ingest";
var options = command == "ingest" && (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) ? args : args[1..];
try
{
    return command switch
    {
        "ingest" when options.Contains("--help") => Help(BenchOptions.Usage),
        "seed" when options.Contains("--help") => Help(SeedCommand.Usage),
        "query" when options.Contains("--help") => Help(QueryCommand.Usage),
        "ingest" => await RunIngestAsync(options),
        "seed" => await SeedCommand.RunAsync(options, Console.Out),
        "query" => await QueryCommand.RunAsync(options, Console.Out),
        _ => throw new ArgumentException($"Unknown sub-command '{command}'.\n{usage}"),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

static int Help(string text)
{
    Console.WriteLine(text);
    return 0;
}

static async Task<int> RunIngestAsync(string[] args)
{
    var options = BenchOptions.Parse(args);
    if (options.Rounds > IngestBenchmark.MaxRounds)
    {
        throw new ArgumentException($"--rounds is at most {IngestBenchmark.MaxRounds}.");
    }

    await IngestBenchmark.RunAsync(options, Console.Out);
    return 0;
}
