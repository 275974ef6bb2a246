using Microsoft.JSInterop;

namespace Omnichannel.Web.Components.Shared;

/// <summary>
/// The agent's time zone, once per circuit: the one chosen in their profile, else the browser's.
/// Components render on the server, whose clock says nothing about where the agent sits. UTC until
/// one of them answered.
/// </summary>
public sealed class BrowserClock(TimeProvider time, UseCases useCases, ILogger<BrowserClock> logger)
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public bool IsKnown { get; private set; }

    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone);

    /// <summary>
    /// The instant a wall-clock time in the agent's zone stands for ("tomorrow 09:00"). A time the
    /// clocks skip (daylight saving) moves an hour on; an ambiguous one takes its first occurrence.
    /// </summary>
    public DateTimeOffset FromLocal(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Uses a zone the agent chose (their profile); null or unknown ids change nothing.</summary>
    public bool Prefer(string? timeZoneId)
    {
        if (timeZoneId is null || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            return false;
        }

        IsKnown = true;
        var changed = zone.Id != _zone.Id;
        _zone = zone;
        return changed;
    }

    /// <summary>
    /// The profile's zone, else the browser's (needs a rendered page: call from OnAfterRenderAsync).
    /// Returns whether the zone changed.
    /// </summary>
    public async Task<bool> LearnZoneAsync(IJSRuntime js)
    {
        if (IsKnown)
        {
            return false;
        }

        try
        {
            if (Prefer((await useCases.Send(new Omnichannel.Agents.GetProfile())).TimeZone))
            {
                return true;
            }
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not read the profile's time zone; asking the browser");
        }

        if (IsKnown)
        {
            return false;
        }

        string? id;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            id = await js.InvokeAsync<string?>("omnichannel.timeZone", timeout.Token);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException)
        {
            return false; // stay on UTC; the next page load asks again
        }

        IsKnown = true;
        if (id is null || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return false;
        }

        _zone = zone;
        return true;
    }
}
