using Omnichannel.Web.Components;
using Omnichannel.Web.Components.Conversations;
using Omnichannel.Web.Components.Shared;

namespace Omnichannel.Tests.Web;

public sealed class SnoozeTimesTests
{
    [Theory]
    [InlineData("2026-11-23T15:00:00", "2026-11-30T09:00:00")] // Monday afternoon: a week on
    [InlineData("2026-11-23T07:00:00", "2026-11-30T09:00:00")] // Monday before nine: still next week
    [InlineData("2026-11-24T10:00:00", "2026-11-30T09:00:00")] // Tuesday
    [InlineData("2026-11-29T23:30:00", "2026-11-30T09:00:00")] // Sunday night
    public void NextMondayIsTheComingMondayAtNine(string now, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SnoozeTimes.NextMondayMorning(DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TomorrowMorningIsNineOnTheNextDay() =>
        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 0), SnoozeTimes.TomorrowMorning(new DateTime(2026, 11, 30, 23, 59, 0)));

    [Fact]
    public void PresetsAreWallClockTimesInTheAgentsZone()
    {
        var clock = Clock(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero), "America/Sao_Paulo"); // 15:00 in São Paulo
        var presets = SnoozeTimes.Presets(clock);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 19, 0, 0, TimeSpan.Zero), presets[0].Until.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), presets[1].Until.ToUniversalTime()); // 09:00 -03:00
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), presets[2].Until.ToUniversalTime());
    }

    [Fact]
    public void AWallClockTimeSkippedByDaylightSavingMovesAnHourOn()
    {
        var clock = Clock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), "America/New_York");

        // 02:30 does not exist on 8 March 2026 in New York (clocks jump from 02:00 to 03:00).
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 30, 0, TimeSpan.FromHours(-4)), clock.FromLocal(new DateTime(2026, 3, 8, 2, 30, 0)));
    }

    private static BrowserClock Clock(DateTimeOffset utcNow, string zone)
    {
        // UseProfileZone and FromLocal never call the use cases.
        var clock = new BrowserClock(new FixedTime(utcNow), new UseCases(null!, null!));
        clock.UseProfileZone(zone);
        Assert.Equal(zone, clock.Zone.Id);
        return clock;
    }

    private sealed class FixedTime(DateTimeOffset utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => utcNow;
    }
}
