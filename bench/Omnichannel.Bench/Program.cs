using Omnichannel.Bench;

// Ingest throughput of signed WhatsApp webhooks through the real HTTP pipeline, against plain
// INSERTs on the same database in the same run. See docs/benchmarks.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
    if (options.Rounds > IngestBenchmark.MaxRounds)
    {
        throw new ArgumentException($"--rounds is at most {IngestBenchmark.MaxRounds}.");
    }
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await IngestBenchmark.RunAsync(options, Console.Out);
return 0;
