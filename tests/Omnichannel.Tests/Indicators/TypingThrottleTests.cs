using Omnichannel.Indicators;

namespace Omnichannel.Tests.Indicators;

public sealed class TypingThrottleTests
{
    private readonly Clock _clock = new();

    [Fact]
    public void OneTypingSignalPerConversationEveryTwentySeconds()
    {
        var throttle = new TypingThrottle(_clock);
        var conversation = Guid.NewGuid();

        Assert.True(throttle.TryStart(conversation));
        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(throttle.TryStart(conversation));
        Assert.True(throttle.TryStart(Guid.NewGuid()));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(throttle.TryStart(conversation));
    }

    [Fact]
    public void StoppingIsWorthASignalOnlyWhileTheLastTypingMayStillShowAndStartsOver()
    {
        var throttle = new TypingThrottle(_clock);
        var conversation = Guid.NewGuid();

        Assert.False(throttle.Stop(conversation));
        throttle.TryStart(conversation);
        Assert.True(throttle.Stop(conversation));
        Assert.False(throttle.Stop(conversation));
        Assert.True(throttle.TryStart(conversation));
        _clock.Advance(TypingThrottle.Interval);
        Assert.False(throttle.Stop(conversation));
    }

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
