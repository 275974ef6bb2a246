using Microsoft.JSInterop;

namespace Omnichannel.Web.Components.Shared;

/// <summary>
/// The agent's time zone, asked from the browser once per circuit: components render on the
/// server, whose clock says nothing about where the agent sits. UTC until the browser answered.
/// </summary>
public sealed class BrowserClock(TimeProvider time)
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public bool IsKnown { get; private set; }

    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone);

    /// <summary>Asks the browser (needs a rendered page: call from OnAfterRenderAsync). Returns whether the zone changed.</summary>
    public async Task<bool> LearnZoneAsync(IJSRuntime js)
    {
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
