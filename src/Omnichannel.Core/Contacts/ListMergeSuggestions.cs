using Mediator;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Contacts;

/// <summary>
/// Contacts that are probably the same person as this one: they share a normalised phone number
/// (the phone field's key or a WhatsApp number, either side) or an e-mail address (ignoring case).
/// Only contacts the actor can see, never merged ones, at most <see cref="MaxSuggestions"/>.
/// </summary>
public sealed record ListMergeSuggestions(Guid ContactId) : IQuery<IReadOnlyList<MergeSuggestion>>;

public sealed record MergeSuggestion(Guid Id, string Name, string? Email, string? Phone, IReadOnlyList<IdentityView> Identities, string Reason);

public sealed class ListMergeSuggestionsHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<ListMergeSuggestions, IReadOnlyList<MergeSuggestion>>
{
    public const int MaxSuggestions = 10;

    public async ValueTask<IReadOnlyList<MergeSuggestion>> Handle(ListMergeSuggestions query, CancellationToken cancellationToken)
    {
        var contact = await ContactAccess.RequireAsync(db, access, query.ContactId, cancellationToken);
        if (contact.MergedIntoId is not null)
        {
            return [];
        }

        var numbers = await db.ContactIdentities
            .Where(i => i.ContactId == contact.Id && i.Channel == ChannelType.WhatsApp && !EF.Functions.Like(i.ExternalId, "%.%"))
            .Select(i => i.ExternalId)
            .ToListAsync(cancellationToken);
        if (contact.PhoneKey is { Length: > 0 } key)
        {
            numbers.Add(key);
        }

        numbers = numbers.Distinct(StringComparer.Ordinal).ToList();
        var email = string.IsNullOrWhiteSpace(contact.Email) ? null : contact.Email.Trim().ToLowerInvariant();
        var visible = await access.VisibleInboxIdsAsync(cancellationToken);
        var candidates = ContactAccess.Visible(db, visible).AsNoTracking().Where(c => c.Id != contact.Id && c.MergedIntoId == null);

        // Each side through its own index (phone_key btree, the identities' unique key), then joined.
        var sharingNumber = db.Contacts.Where(c => c.PhoneKey != null && numbers.Contains(c.PhoneKey)).Select(c => c.Id)
            .Union(db.ContactIdentities.Where(i => i.Channel == ChannelType.WhatsApp && numbers.Contains(i.ExternalId)).Select(i => i.ContactId));
        var byPhone = numbers.Count == 0 ? [] : await candidates
            .Where(c => sharingNumber.Contains(c.Id))
            .OrderByDescending(c => c.Id)
            .Take(MaxSuggestions)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        // The e-mail is one token of the search vector (GIN index); the comparison then ignores case exactly.
        var byEmail = email is null ? [] : await candidates
            .Where(c => EF.Property<NpgsqlTsVector>(c, "SearchVector").Matches(EF.Functions.PlainToTsQuery("omni_simple", email)) && EF.Functions.ILike(c.Email!, ContactMatch.LikeEscape(email), "\\"))
            .OrderByDescending(c => c.Id)
            .Take(MaxSuggestions)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);

        var ids = byPhone.Concat(byEmail).Distinct().Take(MaxSuggestions).ToList();
        var rows = await db.Contacts.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Email,
                c.Phone,
                Identities = c.Identities.OrderBy(i => i.Channel).ThenBy(i => i.ExternalId).Select(i => new IdentityView(i.Channel, i.ExternalId, i.Address)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => ids.IndexOf(r.Id))
            .Select(r => new MergeSuggestion(r.Id, r.Name, r.Email, r.Phone, r.Identities, byPhone.Contains(r.Id) ? "phone" : "email"))
            .ToList();
    }
}
