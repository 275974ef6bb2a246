using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Omnichannel.Web.Components.Live;

/// <summary>
/// When a dropped browser connection comes back to its circuit, makes every screen of that
/// circuit re-query what it shows. Changes seen while away were already applied (the circuit kept
/// running), but events can be missed in between, e.g. while the database listener reconnected.
/// </summary>
public sealed class ReconnectCatchUp(LiveInbox live) : CircuitHandler
{
    private bool _dropped;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _dropped = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_dropped)
        {
            _dropped = false;
            live.CatchUp();
        }

        return Task.CompletedTask;
    }
}
