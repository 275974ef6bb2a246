using System.Globalization;
using System.Runtime.InteropServices;

namespace Omnichannel.Bench;

/// <summary>Prints the figures, each round and the medians, next to the targets set for later issues.</summary>
public static class BenchReport
{
    public const double AppliedRatioTarget = 0.5;
    public const double AckP99TargetMs = 50;

    /// <summary>The table's columns: heading, width, format, and how to read it from a round.</summary>
    private static readonly (string Heading, int Width, string Format, Func<RoundResult, double> Value)[] Columns =
    [
        ("baseline/s", 10, "0", r => r.Baseline.PerSecond),
        ("ins p50", 7, "0.00", r => r.Baseline.Insert.Percentile(50)),
        ("ins p99", 7, "0.00", r => r.Baseline.Insert.Percentile(99)),
        ("acked/s", 8, "0", r => r.Pipeline.AcknowledgedPerSecond),
        ("applied/s", 9, "0", r => r.Pipeline.AppliedPerSecond),
        ("@ack", 5, "0%", r => r.Pipeline.AppliedAtAck / (double)r.Pipeline.Messages),
        ("drain/s", 7, "0", r => r.Pipeline.DrainPerSecond),
        ("acked÷base", 10, "0.00", r => r.AcknowledgedRatio),
        ("applied÷base", 12, "0.00", r => r.AppliedRatio),
        ("ack p50", 7, "0.0", r => r.Pipeline.Ack.Percentile(50)),
        ("ack p95", 7, "0.0", r => r.Pipeline.Ack.Percentile(95)),
        ("ack p99", 7, "0.0", r => r.Pipeline.Ack.Percentile(99)),
    ];

    public static void Header(TextWriter output, BenchOptions options, ServerSettings server)
    {
#if DEBUG
        output.WriteLine("WARNING: Debug build; run with -c Release for numbers worth comparing.");
#endif
        Line(output, $"Omnichannel ingest benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(output, $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {LoadAverage()}");
        Line(output, $"server:  {server}");
        Line(output, $"load:    {options.Messages} messages/round from {options.Customers} customers, {options.Concurrency} concurrent senders/connections, {options.Rounds} round(s) after {options.Warmup} warm-up messages");
        output.WriteLine("         per second: baseline = INSERTs, acked = webhooks answered 200, applied = rows in messages;");
        output.WriteLine("         @ack = share applied when the last 200 came, drain/s = worker pace after that; latencies in ms");
        output.WriteLine();
        output.WriteLine("round  order " + string.Join(" ", Columns.Select(c => c.Heading.PadLeft(c.Width))));
    }

    public static void Round(TextWriter output, RoundResult round) =>
        Row(output, round.Number.ToString(CultureInfo.InvariantCulture), round.BaselineFirst ? "B→P" : "P→B", c => c.Value(round));

    public static void Summary(TextWriter output, IReadOnlyList<RoundResult> rounds)
    {
        Row(output, "median", "", c => MedianOf(rounds.Select(c.Value)));
        var appliedRatio = MedianOf(rounds.Select(r => r.AppliedRatio));
        var p99 = MedianOf(rounds.Select(r => r.Pipeline.Ack.Percentile(99)));
        output.WriteLine();
        output.WriteLine("targets (medians):");
        Line(output, $"  applied ≥ {AppliedRatioTarget:0.0} × baseline   {appliedRatio,6:0.00} ×   {Verdict(appliedRatio >= AppliedRatioTarget)}");
        Line(output, $"  p99 ack < {AckP99TargetMs:0} ms          {p99,6:0.0} ms  {Verdict(p99 < AckP99TargetMs)}");
        Line(output, $"load average at the end: {LoadAverage()}");
    }

    /// <summary>Other work on the machine skews everything; the load average at least shows it.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    private static void Row(TextWriter output, string round, string order, Func<(string Heading, int Width, string Format, Func<RoundResult, double> Value), double> value) =>
        output.WriteLine($"{round,-6} {order,-5} " + string.Join(" ", Columns.Select(c => value(c).ToString(c.Format, CultureInfo.InvariantCulture).PadLeft(c.Width))));

    private static string Verdict(bool pass) => pass ? "PASS" : "FAIL";

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
