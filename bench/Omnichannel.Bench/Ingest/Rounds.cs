namespace Omnichannel.Bench;

/// <param name="AppliedAtAck">Messages already applied when the last webhook was acknowledged.</param>
public sealed record PipelineRound(int Messages, TimeSpan Acknowledged, TimeSpan Applied, long AppliedAtAck, Latencies Ack)
{
    public double AcknowledgedPerSecond => Messages / Acknowledged.TotalSeconds;

    public double AppliedPerSecond => Messages / Applied.TotalSeconds;

    /// <summary>The inbound worker's pace on the backlog once ingestion stopped competing for the CPU.</summary>
    public double DrainPerSecond => Applied > Acknowledged ? (Messages - AppliedAtAck) / (Applied - Acknowledged).TotalSeconds : double.NaN;
}

public sealed record BaselineRound(int Rows, TimeSpan Elapsed, Latencies Insert)
{
    public double PerSecond => Rows / Elapsed.TotalSeconds;
}

/// <summary>One baseline and one pipeline measurement taken back to back, so their ratio shares the machine's mood.</summary>
public sealed record RoundResult(int Number, bool BaselineFirst, BaselineRound Baseline, PipelineRound Pipeline)
{
    public double AppliedRatio => Pipeline.AppliedPerSecond / Baseline.PerSecond;

    public double AcknowledgedRatio => Pipeline.AcknowledgedPerSecond / Baseline.PerSecond;
}
