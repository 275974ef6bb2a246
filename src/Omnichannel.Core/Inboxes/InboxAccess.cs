using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Conversations;
using Omnichannel.Data;

namespace Omnichannel.Inboxes;

/// <summary>
/// The one place that decides who sees what: supervisors and admins see every inbox, agents only
/// the inboxes they are members of. Inaccessible conversations are reported as not found, so their
/// existence does not leak.
/// </summary>
public sealed class InboxAccess(OmnichannelDb db, CurrentActor currentActor)
{
    public Actor Actor => currentActor.Value;

    /// <summary>Inbox ids the actor may see, or null for "all".</summary>
    public async Task<IReadOnlyList<Guid>?> VisibleInboxIdsAsync(CancellationToken cancellationToken)
    {
        if (Actor.SeesAllInboxes)
        {
            return null;
        }

        return await db.InboxMembers.Where(m => m.UserId == Actor.UserId).Select(m => m.InboxId).ToListAsync(cancellationToken);
    }

    public async Task<bool> CanSeeInboxAsync(Guid inboxId, CancellationToken cancellationToken) =>
        Actor.SeesAllInboxes || await db.InboxMembers.AnyAsync(m => m.InboxId == inboxId && m.UserId == Actor.UserId, cancellationToken);

    public async Task<bool> CanUserSeeInboxAsync(Guid userId, Guid inboxId, CancellationToken cancellationToken) =>
        await db.Users.AnyAsync(u => u.Id == userId && u.Role != Agents.Role.Agent, cancellationToken)
        || await db.InboxMembers.AnyAsync(m => m.InboxId == inboxId && m.UserId == userId, cancellationToken);

    /// <summary>Loads a conversation the actor may work on (tracked), or throws not found.</summary>
    public async Task<Conversation> ConversationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null || !await CanSeeInboxAsync(conversation.InboxId, cancellationToken))
        {
            throw new NotFoundException("Conversation");
        }

        return conversation;
    }

    public void RequireAdmin()
    {
        if (!Actor.IsAdmin)
        {
            throw new ForbiddenException("Only admins may do this.");
        }
    }
}
