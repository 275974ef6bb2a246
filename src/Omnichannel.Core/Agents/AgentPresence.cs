using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;
using Omnichannel.Realtime;

namespace Omnichannel.Agents;

/// <summary>
/// Which agents have the inbox open. Each open tab is a row kept fresh by its app instance's
/// heartbeat; an agent is reachable while any row is fresher than <see cref="Freshness"/>. Closing
/// the last tab (or a crashed instance's rows expiring) makes them offline for routing and for others.
/// </summary>
public sealed class AgentPresence(OmnichannelDb db, TimeProvider clock)
{
    /// <summary>Three missed heartbeats.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(90);

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    /// <summary>Records an open tab. Returns true when it is the agent's first (they just came online).</summary>
    public async Task<bool> ConnectAsync(Guid connectionId, Guid userId, Guid instanceId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var wasReachable = await IsReachableAsync(userId, cancellationToken);
        db.AgentConnections.Add(new AgentConnection { Id = connectionId, UserId = userId, InstanceId = instanceId, ConnectedAt = now, LastSeenAt = now });
        if (!wasReachable)
        {
            db.Publish(InboxEvent.Availability(userId));
        }

        await db.SaveChangesAsync(cancellationToken);
        return !wasReachable;
    }

    /// <summary>Forgets a closed tab; announces the agent offline when it was their last.</summary>
    public async Task DisconnectAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var connection = await db.AgentConnections.FirstOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return;
        }

        db.AgentConnections.Remove(connection);
        await db.SaveChangesAsync(cancellationToken);
        if (!await IsReachableAsync(connection.UserId, cancellationToken))
        {
            db.Publish(InboxEvent.Availability(connection.UserId));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Keeps this instance's tabs fresh and drops expired rows, announcing agents who went offline.</summary>
    public async Task HeartbeatAsync(Guid instanceId, IReadOnlyCollection<Guid> liveConnectionIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = liveConnectionIds.ToList();
        await db.AgentConnections.Where(c => c.InstanceId == instanceId && ids.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeenAt, now), cancellationToken);

        var expiredBefore = now - Freshness;
        var expired = await db.AgentConnections.Where(c => c.LastSeenAt < expiredBefore || (c.InstanceId == instanceId && !ids.Contains(c.Id)))
            .ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return;
        }

        db.AgentConnections.RemoveRange(expired);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var userId in expired.Select(c => c.UserId).Distinct())
        {
            if (!await IsReachableAsync(userId, cancellationToken))
            {
                db.Publish(InboxEvent.Availability(userId));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<bool> IsReachableAsync(Guid userId, CancellationToken cancellationToken)
    {
        var fresh = clock.GetUtcNow() - Freshness;
        return db.AgentConnections.AnyAsync(c => c.UserId == userId && c.LastSeenAt > fresh, cancellationToken);
    }

    /// <summary>Away: no tab open, or chose to be offline (busy agents are there, just not taking new work).</summary>
    public async Task<bool> IsAwayAsync(Guid userId, CancellationToken cancellationToken) =>
        !await IsReachableAsync(userId, cancellationToken)
        || await db.Users.AnyAsync(u => u.Id == userId && u.Availability == Availability.Offline, cancellationToken);

    /// <summary>Users with a tab open (their chosen availability shows; everyone else shows offline).</summary>
    public IQueryable<Guid> ConnectedUserIds()
    {
        var fresh = clock.GetUtcNow() - Freshness;
        return db.AgentConnections.Where(c => c.LastSeenAt > fresh).Select(c => c.UserId).Distinct();
    }

    /// <summary>Agents routing may give work to right now: chose "online" and have a tab open.</summary>
    public IQueryable<Guid> RoutableUserIds()
    {
        var fresh = clock.GetUtcNow() - Freshness;
        return db.Users.Where(u => u.Availability == Availability.Online && db.AgentConnections.Any(c => c.UserId == u.Id && c.LastSeenAt > fresh)).Select(u => u.Id);
    }
}
