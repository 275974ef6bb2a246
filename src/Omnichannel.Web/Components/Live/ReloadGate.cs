namespace Omnichannel.Web.Components.Live;

/// <summary>
/// Runs a screen's reload one at a time. Requests that arrive while a reload runs (a burst of
/// events) collapse into one more run, which then reads the latest state. Use it from the
/// component's renderer only (inside InvokeAsync), where calls never overlap.
/// </summary>
public sealed class ReloadGate(Func<Task> reload)
{
    private Task _running = Task.CompletedTask;
    private bool _again;

    /// <summary>Completes when a reload that started after this call has finished.</summary>
    public Task RunAsync()
    {
        if (!_running.IsCompleted)
        {
            _again = true;
            return _running;
        }

        _running = LoopAsync();
        return _running;
    }

    private async Task LoopAsync()
    {
        do
        {
            _again = false;
            await reload();
        }
        while (_again);
    }
}
