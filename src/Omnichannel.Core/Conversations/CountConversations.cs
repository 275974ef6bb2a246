using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Conversations;

/// <summary>
/// Counters for the inbox sidebar and tabs, as the signed-in agent sees them: per view (mine,
/// unassigned, all) how many conversations match and how many have messages they have not read,
/// and per visible inbox how many are unread. Same filters as <see cref="ListConversations"/>.
/// </summary>
public sealed record CountConversations(ConversationStatus? Status = ConversationStatus.Open, Guid? InboxId = null, string? Label = null, Guid? TeamId = null)
    : IQuery<ConversationCounts>;

public sealed record ViewCount(int Total, int Unread);

public sealed record InboxUnread(Guid InboxId, int Unread);

public sealed record ConversationCounts(ViewCount Mine, ViewCount Unassigned, ViewCount All, IReadOnlyList<InboxUnread> Inboxes);

public sealed class CountConversationsHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<CountConversations, ConversationCounts>
{
    public async ValueTask<ConversationCounts> Handle(CountConversations query, CancellationToken cancellationToken)
    {
        var me = access.Actor.UserId;
        var filtered = await ConversationFilter.ApplyAsync(db, access, db.Conversations.AsNoTracking(), query.InboxId, query.Status, null, query.Label, query.TeamId, cancellationToken);
        // A join with this agent's read markers, not a lookup per conversation: PostgreSQL hash-joins two
        // index-only scans (ix_conversations_counts, ix_conversation_reads_user_id_conversation_id).
        var rows = await (
                from c in filtered
                join r in db.ConversationReads.Where(r => r.UserId == me) on c.Id equals r.ConversationId into reads
                from r in reads.DefaultIfEmpty()
                select new
                {
                    c.InboxId,
                    Mine = c.AssigneeId == me,
                    Unassigned = c.AssigneeId == null,
                    Unread = c.LastIncomingAt != null && (r == null || c.LastIncomingAt > r.LastReadAt),
                })
            .GroupBy(c => new { c.InboxId, c.Mine, c.Unassigned, c.Unread })
            .Select(g => new { g.Key.InboxId, g.Key.Mine, g.Key.Unassigned, g.Key.Unread, Count = g.Count() })
            .ToListAsync(cancellationToken);

        ViewCount Count(Func<bool, bool, bool> include) => new(
            rows.Where(r => include(r.Mine, r.Unassigned)).Sum(r => r.Count),
            rows.Where(r => include(r.Mine, r.Unassigned) && r.Unread).Sum(r => r.Count));

        var inboxes = rows.Where(r => r.Unread).GroupBy(r => r.InboxId).Select(g => new InboxUnread(g.Key, g.Sum(r => r.Count))).ToList();
        return new ConversationCounts(Count((mine, _) => mine), Count((_, unassigned) => unassigned), Count((_, _) => true), inboxes);
    }
}
