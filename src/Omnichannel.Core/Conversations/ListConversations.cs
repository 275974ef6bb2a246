using System.Globalization;
using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Conversations;

/// <summary>Who a conversation list is filtered to: "me", "unassigned", a user id, or anyone (null).</summary>
public sealed record AssigneeFilter(bool Unassigned = false, Guid? UserId = null)
{
    public static bool TryParse(string? value, Guid me, out AssigneeFilter? filter)
    {
        filter = value switch
        {
            null or "" => null,
            "me" => new AssigneeFilter(UserId: me),
            "unassigned" => new AssigneeFilter(Unassigned: true),
            _ when Guid.TryParse(value, out var id) => new AssigneeFilter(UserId: id),
            _ => new AssigneeFilter(UserId: Guid.Empty),
        };
        return filter is null || filter.Unassigned || filter.UserId != Guid.Empty;
    }
}

/// <summary>Conversations newest activity first, keyset-paginated by an opaque cursor.</summary>
public sealed record ListConversations(
    ConversationStatus? Status = null,
    Guid? InboxId = null,
    AssigneeFilter? Assignee = null,
    string? Cursor = null,
    int Limit = 25,
    string? Label = null,
    Guid? TeamId = null) : IQuery<ConversationPage>;

public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, string? NextCursor);

public sealed record ContactSummary(Guid Id, string Name);

public sealed record LastMessage(string Text, MessageDirection Direction, DateTimeOffset CreatedAt);

public sealed record ConversationSummary(
    Guid Id,
    Guid InboxId,
    ConversationStatus Status,
    Guid? AssigneeId,
    ContactSummary Contact,
    LastMessage? LastMessage,
    DateTimeOffset LastActivityAt,
    int UnreadCount,
    Guid? TeamId,
    Priority Priority,
    DateTimeOffset? SnoozedUntil,
    IReadOnlyList<string> Labels,
    Guid? MergedIntoId);

public sealed class ListConversationsValidator : AbstractValidator<ListConversations>
{
    public ListConversationsValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Label).MaximumLength(50);
        RuleFor(q => q.Cursor).Must(c => c is null || KeysetCursor.TryDecode(c, out _))
            .WithMessage("'cursor' is not a cursor returned by this API.");
    }
}

public sealed class ListConversationsHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<ListConversations, ConversationPage>
{
    public async ValueTask<ConversationPage> Handle(ListConversations query, CancellationToken cancellationToken)
    {
        var conversations = await ConversationFilter.ApplyAsync(db, access, db.Conversations.AsNoTracking(), query.InboxId, query.Status, query.Assignee, query.Label, query.TeamId, cancellationToken);
        if (query.Cursor is not null && KeysetCursor.TryDecode(query.Cursor, out var after))
        {
            conversations = conversations.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.LastActivityAt, c.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await conversations
            .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id)
            .Take(query.Limit + 1)
            .Select(ConversationProjection.Summary(db, access.Actor.UserId))
            .ToListAsync(cancellationToken);

        var next = rows.Count > query.Limit ? KeysetCursor.Encode(rows[query.Limit - 1].LastActivityAt, rows[query.Limit - 1].Id) : null;
        return new ConversationPage(rows.Take(query.Limit).ToList(), next);
    }
}

/// <summary>The filters of the conversation list, shared by the list and its counters.</summary>
internal static class ConversationFilter
{
    public static async Task<IQueryable<Conversation>> ApplyAsync(
        OmnichannelDb db, InboxAccess access, IQueryable<Conversation> conversations, Guid? inboxId, ConversationStatus? status,
        AssigneeFilter? assignee, string? label, Guid? teamId, CancellationToken cancellationToken)
    {
        if (inboxId is { } inbox)
        {
            if (!await access.CanSeeInboxAsync(inbox, cancellationToken))
            {
                throw new ForbiddenException("You are not a member of this inbox.");
            }

            conversations = conversations.Where(c => c.InboxId == inbox);
        }
        else if (await access.VisibleInboxIdsAsync(cancellationToken) is { } visible)
        {
            conversations = conversations.Where(c => visible.Contains(c.InboxId));
        }

        // Merged conversations live on inside their survivor.
        conversations = conversations.Where(c => c.MergedIntoId == null);
        if (status is { } s)
        {
            conversations = conversations.Where(c => c.Status == s);
        }

        if (assignee is { Unassigned: true })
        {
            conversations = conversations.Where(c => c.AssigneeId == null);
        }
        else if (assignee?.UserId is { } assigneeId)
        {
            conversations = conversations.Where(c => c.AssigneeId == assigneeId);
        }

        if (!string.IsNullOrWhiteSpace(label))
        {
            // The id first: with it PostgreSQL knows how rare the label is and can start from its
            // conversations instead of walking the whole list (docs/benchmarks.md).
            var key = label.Trim().ToLowerInvariant();
            var labelId = await db.Labels.Where(l => EF.Property<string>(l, "NameKey") == key).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken);
            conversations = labelId is { } id ? conversations.Where(c => c.Labels.Any(l => l.LabelId == id)) : conversations.Where(_ => false);
        }

        if (teamId is { } team)
        {
            conversations = conversations.Where(c => c.TeamId == team);
        }

        return conversations;
    }
}
