using FluentValidation;
using Mediator;
using Omnichannel.Common;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Contacts;

/// <summary>
/// Everything said with a contact: the messages and notes of all its conversations the actor can
/// see, across inboxes and channels, newest first, keyset-paginated. Activity lines stay in their
/// conversation's thread.
/// </summary>
public sealed record GetContactTimeline(Guid ContactId, string? Cursor = null, int Limit = 50) : IQuery<TimelinePage>;

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, string? NextCursor);

public sealed record TimelineItem(
    Guid Id,
    Guid ConversationId,
    Guid InboxId,
    MessageDirection Direction,
    MessageKind Kind,
    string Text,
    DateTimeOffset CreatedAt,
    DeliveryStatus? Status,
    Guid? AuthorId,
    string? AuthorName);

public sealed class GetContactTimelineValidator : AbstractValidator<GetContactTimeline>
{
    public GetContactTimelineValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 200);
        RuleFor(q => q.Cursor).Must(c => c is null || KeysetCursor.TryDecode(c, out _))
            .WithMessage("'cursor' is not a cursor returned by this API.");
    }
}

public sealed class GetContactTimelineHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<GetContactTimeline, TimelinePage>
{
    public async ValueTask<TimelinePage> Handle(GetContactTimeline query, CancellationToken cancellationToken)
    {
        var contact = await ContactAccess.RequireAsync(db, access, query.ContactId, cancellationToken);
        var visible = await access.VisibleInboxIdsAsync(cancellationToken);
        var conversationIds = ContactAccess.Conversations(db, contact.Id, visible).Select(c => c.Id);
        var messages = db.Messages.AsNoTracking().Where(m => conversationIds.Contains(m.ConversationId) && m.Kind != MessageKind.Activity);
        if (query.Cursor is not null && KeysetCursor.TryDecode(query.Cursor, out var after))
        {
            messages = messages.Where(m => EF.Functions.LessThan(ValueTuple.Create(m.CreatedAt, m.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await messages
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(query.Limit + 1)
            .Select(m => new TimelineItem(
                m.Id, m.ConversationId, m.InboxId, m.Direction, m.Kind, m.Text, m.CreatedAt, m.Status, m.AuthorId,
                db.Users.Where(u => u.Id == m.AuthorId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var next = rows.Count > query.Limit ? KeysetCursor.Encode(rows[query.Limit - 1].CreatedAt, rows[query.Limit - 1].Id) : null;
        return new TimelinePage(rows.Take(query.Limit).ToList(), next);
    }
}
