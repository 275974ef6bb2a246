using System.Globalization;
using Microsoft.Extensions.Localization;
using Omnichannel.Web.Components.Shared;

namespace Omnichannel.Web.Components.Conversations;

/// <summary>Times as an agent reads them: in their time zone and language, relative where that is quicker to read.</summary>
public sealed class TimeText(BrowserClock clock, IStringLocalizer<UiText> text)
{
    /// <summary>"now", "5 min", "3 h", "Yesterday", "12 Mar": for lists.</summary>
    public string Relative(DateTimeOffset at)
    {
        var now = clock.Now;
        var local = clock.ToLocal(at);
        var age = now - local;
        if (age < TimeSpan.FromMinutes(1))
        {
            return text["Time.Now"];
        }

        if (age < TimeSpan.FromHours(1))
        {
            return text["Time.Minutes", (int)age.TotalMinutes];
        }

        if (local.Date == now.Date)
        {
            return text["Time.Hours", (int)age.TotalHours];
        }

        if (local.Date == now.Date.AddDays(-1))
        {
            return text["Time.Yesterday"];
        }

        return local.ToString(local.Year == now.Year ? "d MMM" : "d MMM yyyy", CultureInfo.CurrentCulture);
    }

    /// <summary>"14:05" (or "2:05 PM"): for message bubbles.</summary>
    public string Clock(DateTimeOffset at) => clock.ToLocal(at).ToString("t", CultureInfo.CurrentCulture);

    /// <summary>"Today", "Yesterday" or the long date: for day separators in a thread.</summary>
    public string Day(DateTimeOffset at)
    {
        var day = clock.ToLocal(at).Date;
        var today = clock.Now.Date;
        return day == today ? text["Time.Today"]
            : day == today.AddDays(-1) ? text["Time.Yesterday"]
            : day.ToString("D", CultureInfo.CurrentCulture);
    }

    public DateTime LocalDay(DateTimeOffset at) => clock.ToLocal(at).Date;

    /// <summary>"today at 14:05", "tomorrow at 09:00", "Monday at 09:00", "14 Mar at 09:00": a moment ahead or behind, for snoozes.</summary>
    public string Moment(DateTimeOffset at)
    {
        var local = clock.ToLocal(at);
        var today = clock.Now.Date;
        var time = local.ToString("t", CultureInfo.CurrentCulture);
        var days = (local.Date - today).Days;
        return days switch
        {
            0 => text["Time.TodayAt", time],
            1 => text["Time.TomorrowAt", time],
            -1 => text["Time.YesterdayAt", time],
            > 1 and < 7 => text["Time.WeekdayAt", local.ToString("dddd", CultureInfo.CurrentCulture), time],
            _ => text["Time.DateAt", local.ToString(local.Year == today.Year ? "d MMM" : "d MMM yyyy", CultureInfo.CurrentCulture), time],
        };
    }

    /// <summary>The full date and time, for tooltips.</summary>
    public string Full(DateTimeOffset at) => clock.ToLocal(at).ToString("f", CultureInfo.CurrentCulture);
}
