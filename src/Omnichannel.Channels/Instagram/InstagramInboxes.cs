using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Instagram;

/// <summary>
/// Instagram inboxes by Instagram account id, with decrypted secrets, cached briefly: every webhook needs
/// them before it can even check the signature, and they change rarely. Unknown ids are not cached,
/// so a newly connected account works at once.
/// </summary>
public sealed class InstagramInboxes(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<InstagramInbox>> FindAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken)
    {
        var found = new List<InstagramInbox>();
        var missing = new List<string>();
        foreach (var id in accountIds)
        {
            if (cache.TryGetValue(Key(id), out InstagramInbox? inbox) && inbox is not null)
            {
                found.Add(inbox);
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var secrets = scope.ServiceProvider.GetRequiredService<InboxSecrets>();
            var rows = await db.Inboxes.AsNoTracking()
                .Where(i => i.Channel == ChannelType.Instagram && missing.Contains(i.RoutingKey))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var inbox = InstagramInbox.From(row, secrets);
                cache.Set(Key(row.RoutingKey), inbox, Lifetime);
                found.Add(inbox);
            }
        }

        return found;
    }

    private static string Key(string accountId) => "instagram-inbox:" + accountId;
}
