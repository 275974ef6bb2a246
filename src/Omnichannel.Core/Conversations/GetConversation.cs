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
            .Select(ConversationProjection.Summary)
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
    public static readonly Expression<Func<Conversation, ConversationSummary>> Summary = c => new ConversationSummary(
        c.Id,
        c.InboxId,
        c.Status,
        c.AssigneeId,
        new ContactSummary(c.ContactId, c.Contact!.Name),
        c.LastMessageAt == null ? null : new LastMessage(c.LastMessageText!, c.LastMessageDirection!.Value, c.LastMessageAt.Value),
        c.LastActivityAt,
        c.UnreadCount);
}
