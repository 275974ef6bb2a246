using System.Linq.Expressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Conversations;

public sealed record GetConversation(Guid ConversationId) : IQuery<ConversationSummary>;

public sealed class GetConversationHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<GetConversation, ConversationSummary>
{
    public async ValueTask<ConversationSummary> Handle(GetConversation query, CancellationToken cancellationToken)
    {
        var summary = await db.Conversations.AsNoTracking()
            .Where(c => c.Id == query.ConversationId)
            .Select(ConversationProjection.Summary(db, access.Actor.UserId))
            .FirstOrDefaultAsync(cancellationToken);
        if (summary is null || !await access.CanSeeInboxAsync(summary.InboxId, cancellationToken))
        {
            throw new NotFoundException("Conversation");
        }

        return summary;
    }
}

internal static class ConversationProjection
{
    /// <summary>The list row as <paramref name="userId"/> sees it (unread is per agent, from their read marker).</summary>
    public static Expression<Func<Conversation, ConversationSummary>> Summary(OmnichannelDb db, Guid userId) => c => new ConversationSummary(
        c.Id,
        c.InboxId,
        c.Status,
        c.AssigneeId,
        new ContactSummary(c.ContactId, c.Contact!.Name),
        c.LastMessageAt == null ? null : new LastMessage(c.LastMessageText!, c.LastMessageDirection!.Value, c.LastMessageAt.Value),
        c.LastActivityAt,
        db.Messages
            .Where(m => m.ConversationId == c.Id && m.Direction == MessageDirection.Incoming && m.Kind == MessageKind.Message
                && m.ReceivedAt > (db.ConversationReads.Where(r => r.ConversationId == c.Id && r.UserId == userId).Select(r => (DateTimeOffset?)r.LastReadAt).FirstOrDefault() ?? DateTimeOffset.MinValue))
            .Count(),
        c.TeamId,
        c.Priority,
        c.SnoozedUntil,
        c.Labels.Select(l => l.Label!.Name).OrderBy(n => n).ToList(),
        c.MergedIntoId);
}
