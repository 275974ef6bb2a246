using Microsoft.JSInterop;
using Omnichannel.Agents;

namespace Omnichannel.Web.Components.Shared;

/// <summary>
/// The agent's time zone: the one chosen in their profile, else the browser's, asked once per
/// circuit (components render on the server, whose clock says nothing about where the agent sits).
/// UTC until known.
/// </summary>
public sealed class BrowserClock(TimeProvider time, UseCases useCases)
{
    private TimeZoneInfo _browserZone = TimeZoneInfo.Utc;
    private TimeZoneInfo? _profileZone;

    public bool IsKnown { get; private set; }

    /// <summary>The browser's IANA zone once it answered (what a profile without a zone follows).</summary>
    public string? BrowserZoneId { get; private set; }

    public TimeZoneInfo Zone => _profileZone ?? _browserZone;

    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>
    /// The instant a wall-clock time in the agent's zone stands for ("tomorrow 09:00"). A time the
    /// clocks skip (daylight saving) moves an hour on; an ambiguous one takes its first occurrence.
    /// </summary>
    public DateTimeOffset FromLocal(DateTime wallClock)
    {
        var zone = Zone;
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The zone chosen in the profile (null follows the browser); the profile page calls this after saving.</summary>
    public void UseProfileZone(string? id) =>
        _profileZone = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>Reads the profile's zone and asks the browser (needs a rendered page: call from OnAfterRenderAsync). Returns whether the zone changed.</summary>
    public async Task<bool> LearnZoneAsync(IJSRuntime js)
    {
        if (IsKnown)
        {
            return false;
        }

        var before = Zone;
        try
        {
            UseProfileZone((await useCases.Send(new GetProfile())).TimeZone);
        }
        catch (Exception ex) when (ex is Common.ProblemException or InvalidOperationException or System.Data.Common.DbException)
        {
            // No profile to read (signed out meanwhile, database away): the browser decides.
        }

        string? id;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            id = await js.InvokeAsync<string?>("omnichannel.timeZone", timeout.Token);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
        {
            return Zone != before; // the browser's stays UTC; the next page load asks again
        }

        IsKnown = true;
        if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            BrowserZoneId = id;
            _browserZone = zone;
        }

        return Zone != before;
    }
}
