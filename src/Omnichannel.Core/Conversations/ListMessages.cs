using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Attachments;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Conversations;

/// <summary>The newest <see cref="Limit"/> messages of a conversation (oldest first); <see cref="Before"/> pages back.</summary>
public sealed record ListMessages(Guid ConversationId, Guid? Before = null, int Limit = 100) : IQuery<MessagePage>;

public sealed record MessagePage(IReadOnlyList<MessageView> Items, Guid? NextBefore);

public sealed record MessageView(
    Guid Id,
    MessageDirection Direction,
    MessageKind Kind,
    string Text,
    DateTimeOffset CreatedAt,
    DeliveryStatus? Status,
    string? Error,
    string? ProviderMessageId,
    Guid? AuthorId,
    string? AuthorName,
    IReadOnlyList<AttachmentView>? Attachments = null,
    string? ErrorCode = null,
    string? TemplateName = null,
    string? TemplateLanguage = null,
    string? Reaction = null);

public sealed class ListMessagesValidator : AbstractValidator<ListMessages>
{
    public ListMessagesValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 500);
}

public sealed class ListMessagesHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<ListMessages, MessagePage>
{
    public async ValueTask<MessagePage> Handle(ListMessages query, CancellationToken cancellationToken)
    {
        var conversation = await access.ConversationAsync(query.ConversationId, cancellationToken);
        var messages = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id);
        if (query.Before is { } before)
        {
            var anchor = await db.Messages.Where(m => m.Id == before && m.ConversationId == conversation.Id)
                .Select(m => new { m.CreatedAt, m.Id }).FirstOrDefaultAsync(cancellationToken);
            if (anchor is not null)
            {
                messages = messages.Where(m => EF.Functions.LessThan(ValueTuple.Create(m.CreatedAt, m.Id), ValueTuple.Create(anchor.CreatedAt, anchor.Id)));
            }
        }

        var newestFirst = await messages
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(query.Limit + 1)
            .Select(m => new MessageView(
                m.Id, m.Direction, m.Kind, m.Text, m.CreatedAt, m.Status, m.Error, m.ProviderMessageId, m.AuthorId,
                db.Users.Where(u => u.Id == m.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                null, m.ErrorCode, m.TemplateName, m.TemplateLanguage, m.Reaction))
            .ToListAsync(cancellationToken);

        var hasMore = newestFirst.Count > query.Limit;
        var page = newestFirst.Take(query.Limit).Reverse().ToList();
        page = await AttachmentViews.AddToAsync(db, page, cancellationToken);
        return new MessagePage(page, hasMore ? page[0].Id : null);
    }
}
