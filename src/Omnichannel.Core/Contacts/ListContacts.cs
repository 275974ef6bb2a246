using FluentValidation;
using Mediator;
using Omnichannel.Common;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Contacts;

/// <summary>
/// Contacts the actor can see, newest first, keyset-paginated by an opaque cursor; <see cref="Q"/>
/// filters them as <see cref="ContactMatch"/> describes. Merged contacts never appear.
/// </summary>
public sealed record ListContacts(string? Q = null, string? Cursor = null, int Limit = 25) : IQuery<ContactPage>;

public sealed record ContactPage(IReadOnlyList<ContactListItem> Items, string? NextCursor);

public sealed record ContactListItem(Guid Id, string Name, string? Email, string? Phone, IReadOnlyList<IdentityView> Identities, DateTimeOffset CreatedAt);

public sealed class ListContactsValidator : AbstractValidator<ListContacts>
{
    public ListContactsValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Cursor).Must(c => c is null || KeysetCursor.TryDecode(c, out _))
            .WithMessage("'cursor' is not a cursor returned by this API.");
    }
}

public sealed class ListContactsHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<ListContacts, ContactPage>
{
    public async ValueTask<ContactPage> Handle(ListContacts query, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleInboxIdsAsync(cancellationToken);
        var contacts = ContactAccess.Visible(db, visible).AsNoTracking();
        var after = query.Cursor is not null && KeysetCursor.TryDecode(query.Cursor, out var position) ? position : ((DateTimeOffset At, Guid Id)?)null;

        IOrderedQueryable<Contact> ordered;
        if (string.IsNullOrWhiteSpace(query.Q))
        {
            // Version 7 ids follow creation time: the primary key serves "newest first" without a sort.
            contacts = contacts.Where(c => c.MergedIntoId == null);
            if (after is { } a)
            {
                contacts = contacts.Where(c => c.Id.CompareTo(a.Id) < 0);
            }

            ordered = contacts.OrderByDescending(c => c.Id);
        }
        else
        {
            // Matches come from the GIN/trigram indexes and are sorted; ordering by the primary key
            // instead would tempt the planner to walk every contact for a rare name.
            contacts = ContactMatch.Parse(query.Q).Apply(db, contacts);
            if (after is { } a)
            {
                contacts = contacts.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.CreatedAt, c.Id), ValueTuple.Create(a.At, a.Id)));
            }

            ordered = contacts.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id);
        }

        var rows = await ordered
            .Take(query.Limit + 1)
            .Select(c => new ContactListItem(
                c.Id, c.Name, c.Email, c.Phone,
                c.Identities.OrderBy(i => i.Channel).ThenBy(i => i.ExternalId).Select(i => new IdentityView(i.Channel, i.ExternalId, i.Address)).ToList(),
                c.CreatedAt))
            .ToListAsync(cancellationToken);
        var next = rows.Count > query.Limit ? KeysetCursor.Encode(rows[query.Limit - 1].CreatedAt, rows[query.Limit - 1].Id) : null;
        return new ContactPage(rows.Take(query.Limit).ToList(), next);
    }
}
