namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>Read and typing signals the fake Graph APIs received, per account (the fakes are shared by a test class).</summary>
public static class Signals
{
    public static List<RecordedRequest> To(IReadOnlyList<RecordedRequest> signals, string account) =>
        [.. signals.Where(s => s.Path.Contains("/" + account + "/", StringComparison.Ordinal))];

    /// <summary>Waits for <paramref name="count"/> signals to the account and checks no more came.</summary>
    public static async Task<List<RecordedRequest>> WaitAsync(Func<IReadOnlyList<RecordedRequest>> signals, string account, int count)
    {
        var arrived = await AppFixture.EventuallyAsync(() => Task.FromResult(To(signals(), account)), s => s.Count >= count, $"{count} signal(s) to reach the fake");
        Assert.Equal(count, arrived.Count);
        return arrived;
    }
}
