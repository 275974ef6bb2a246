using Microsoft.EntityFrameworkCore;
using Omnichannel.Agents;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Notifications;
using Omnichannel.Realtime;

namespace Omnichannel.Routing;

/// <summary>
/// Round-robin routing for inboxes with auto-assignment on: a conversation goes to the inbox member
/// (of its team, when it has one) who is online with a tab open, below the inbox's capacity of open
/// conversations, and who waited longest since their last routed conversation. Decisions for one
/// inbox are serialised with a transaction-scoped advisory lock, so concurrent arrivals cannot push an
/// agent over capacity. Callers run inside a transaction and save.
/// </summary>
public sealed class AutoAssignment(OmnichannelDb db, AgentPresence presence, TimeProvider clock)
{
    /// <summary>Gives an open, unassigned conversation to the next agent, if the inbox routes and anyone is free.</summary>
    public async Task<Guid?> AssignAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.AssigneeId is not null || conversation.Status != ConversationStatus.Open || conversation.MergedIntoId is not null)
        {
            return null;
        }

        var inbox = await db.Inboxes.AsNoTracking().FirstAsync(i => i.Id == conversation.InboxId, cancellationToken);
        if (!inbox.AutoAssignment)
        {
            return null;
        }

        await LockInboxAsync(inbox.Id, cancellationToken);
        var candidates = db.InboxMembers.Where(m => m.InboxId == inbox.Id && presence.RoutableUserIds().Contains(m.UserId));
        if (conversation.TeamId is { } teamId)
        {
            candidates = candidates.Where(m => db.TeamMembers.Any(t => t.TeamId == teamId && t.UserId == m.UserId));
        }

        if (inbox.MaxOpenPerAgent is { } capacity)
        {
            // Count the conversation being routed out: it may already be saved as open and unassigned.
            candidates = candidates.Where(m => db.Conversations.Count(c => c.AssigneeId == m.UserId && c.Status == ConversationStatus.Open && c.Id != conversation.Id) < capacity);
        }

        var member = await candidates.OrderBy(m => m.LastAssignedAt.HasValue).ThenBy(m => m.LastAssignedAt).ThenBy(m => m.UserId)
            .FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return null;
        }

        await GiveAsync(conversation, member, cancellationToken);
        return member.UserId;
    }

    /// <summary>
    /// A reopened conversation whose assignee is away (no tab open, or chose offline) goes back to the
    /// queue, keeping its team, then through routing again. A busy assignee keeps it: they are there.
    /// </summary>
    public async Task ReturnIfAssigneeAwayAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.AssigneeId is { } assigneeId && await presence.IsAwayAsync(assigneeId, cancellationToken))
        {
            conversation.Assign(null, clock.GetUtcNow());
            db.Messages.Add(Message.Activity(conversation, ActivityText.ReturnedToQueue(), clock.GetUtcNow()));
        }

        await AssignAsync(conversation, cancellationToken);
    }

    /// <summary>
    /// An agent came online (or freed capacity): hand them the oldest waiting conversations of their
    /// routed inboxes, up to capacity. Returns how many they received.
    /// </summary>
    public async Task<int> DrainBacklogAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!await presence.RoutableUserIds().ContainsAsync(userId, cancellationToken))
        {
            return 0;
        }

        var given = 0;
        var memberships = await db.InboxMembers.Where(m => m.UserId == userId && db.Inboxes.Any(i => i.Id == m.InboxId && i.AutoAssignment))
            .ToListAsync(cancellationToken);
        foreach (var member in memberships)
        {
            var inbox = await db.Inboxes.AsNoTracking().FirstAsync(i => i.Id == member.InboxId, cancellationToken);
            await LockInboxAsync(inbox.Id, cancellationToken);
            var open = await db.Conversations.CountAsync(c => c.AssigneeId == userId && c.Status == ConversationStatus.Open, cancellationToken);
            var room = inbox.MaxOpenPerAgent is { } capacity ? capacity - open : 50;
            if (room <= 0)
            {
                continue;
            }

            var userTeams = db.TeamMembers.Where(t => t.UserId == userId).Select(t => t.TeamId);
            var waiting = await db.Conversations
                .Where(c => c.InboxId == inbox.Id && c.Status == ConversationStatus.Open && c.AssigneeId == null && c.MergedIntoId == null
                    && (c.TeamId == null || userTeams.Contains(c.TeamId.Value)))
                .OrderBy(c => c.LastActivityAt)
                .Take(room)
                .ToListAsync(cancellationToken);
            foreach (var conversation in waiting)
            {
                await GiveAsync(conversation, member, cancellationToken);
                given++;
            }
        }

        return given;
    }

    private async Task GiveAsync(Conversation conversation, InboxMember member, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = await db.Users.Where(u => u.Id == member.UserId).Select(u => u.DisplayName).FirstAsync(cancellationToken);
        conversation.Assign(member.UserId, now);
        await db.InboxMembers.Where(m => m.InboxId == member.InboxId && m.UserId == member.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastAssignedAt, now), cancellationToken);
        db.Messages.Add(Message.Activity(conversation, ActivityText.RoutedTo(name), now));
        db.Notifications.Add(new Notification { UserId = member.UserId, Kind = NotificationKind.Assigned, ConversationId = conversation.Id, CreatedAt = now });
        db.Publish(InboxEvent.Notification(member.UserId, conversation.Id));
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
    }

    private async Task LockInboxAsync(Guid inboxId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({inboxId.ToString()}, 0))", cancellationToken);
}
