using Omnichannel.Web.Components.Shared;

namespace Omnichannel.Web.Components.Conversations;

/// <summary>A snooze choice: its resource key and when the conversation wakes up.</summary>
public sealed record SnoozePreset(string Key, DateTimeOffset Until);

/// <summary>The snooze presets, in the agent's time zone: in an hour, tomorrow 09:00, next Monday 09:00.</summary>
public static class SnoozeTimes
{
    public const int MorningHour = 9;

    public static IReadOnlyList<SnoozePreset> Presets(BrowserClock clock)
    {
        var now = clock.Now;
        return
        [
            new("Snooze.OneHour", now.AddHours(1)),
            new("Snooze.Tomorrow", clock.FromLocal(TomorrowMorning(now.DateTime))),
            new("Snooze.NextWeek", clock.FromLocal(NextMondayMorning(now.DateTime))),
        ];
    }

    /// <summary>09:00 on the day after <paramref name="localNow"/> (wall-clock time).</summary>
    public static DateTime TomorrowMorning(DateTime localNow) => localNow.Date.AddDays(1).AddHours(MorningHour);

    /// <summary>09:00 on the next Monday after today (a week on when today is Monday).</summary>
    public static DateTime NextMondayMorning(DateTime localNow)
    {
        var days = ((int)DayOfWeek.Monday - (int)localNow.DayOfWeek + 7) % 7;
        return localNow.Date.AddDays(days == 0 ? 7 : days).AddHours(MorningHour);
    }
}
