using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Inbound;

/// <summary>
/// One channel's inboxes by routing key (WhatsApp phone_number_id, Instagram account id), with
/// decrypted secrets, cached briefly: every webhook needs them before it can even check the
/// signature, and they change rarely. Unknown keys are not cached, so a newly connected account
/// works at once.
/// </summary>
public sealed class ConnectedInboxes<TInbox>(
    IServiceScopeFactory scopes, IMemoryCache cache, ChannelType channel, Func<Inbox, InboxSecrets, TInbox> open)
    where TInbox : class
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<TInbox>> FindAsync(IReadOnlyCollection<string> routingKeys, CancellationToken cancellationToken)
    {
        var found = new List<TInbox>();
        var missing = new List<string>();
        foreach (var key in routingKeys)
        {
            if (cache.TryGetValue(CacheKey(key), out TInbox? inbox) && inbox is not null)
            {
                found.Add(inbox);
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var secrets = scope.ServiceProvider.GetRequiredService<InboxSecrets>();
            var rows = await db.Inboxes.AsNoTracking()
                .Where(i => i.Channel == channel && missing.Contains(i.RoutingKey))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var inbox = open(row, secrets);
                cache.Set(CacheKey(row.RoutingKey), inbox, Lifetime);
                found.Add(inbox);
            }
        }

        return found;
    }

    private string CacheKey(string routingKey) => $"{channel}-inbox:{routingKey}";
}
