using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Omnichannel.Agents;
using Omnichannel.Data;
using Omnichannel.Routing;
using Omnichannel.Web.Auth;

namespace Omnichannel.Web.Realtime;

/// <summary>This process's identity among app instances and the agent tabs (circuits) it holds.</summary>
public sealed class AppInstance
{
    public Guid Id { get; } = Guid.NewGuid();

    public ConcurrentDictionary<Guid, Guid> LiveConnections { get; } = new();
}

/// <summary>
/// Tracks each signed-in tab as an agent connection: the first tab makes the agent reachable (and
/// hands them waiting conversations), closing the last makes them offline. Blazor closes a circuit
/// when its tab closes, or after the reconnection grace period when the network is gone.
/// </summary>
public sealed class AgentCircuits(AuthenticationStateProvider authentication, IServiceScopeFactory scopes, AppInstance instance) : CircuitHandler
{
    private readonly Guid _connectionId = Guid.CreateVersion7();

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (UserClaims.ActorOf(state.User) is not { } actor)
        {
            return;
        }

        instance.LiveConnections[_connectionId] = actor.UserId;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await scope.ServiceProvider.GetRequiredService<AgentPresence>().ConnectAsync(_connectionId, actor.UserId, instance.Id, cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<AutoAssignment>().DrainBacklogAsync(actor.UserId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!instance.LiveConnections.TryRemove(_connectionId, out _))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AgentPresence>().DisconnectAsync(_connectionId, cancellationToken);
    }
}

/// <summary>Keeps this instance's agent connections fresh and expires those of instances that died.</summary>
public sealed partial class PresenceHeartbeat(IServiceScopeFactory scopes, AppInstance instance, ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(AgentPresence.HeartbeatInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AgentPresence>().HeartbeatAsync(instance.Id, instance.LiveConnections.Keys.ToList(), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogHeartbeatFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent presence heartbeat failed")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception ex);
}
