using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Contacts;

/// <summary>A way a channel identifies a customer: the normalised key and the address to reply to.</summary>
public sealed record IdentityKey(string ExternalId, string Address);

/// <summary>Finds the contact behind a channel's identifiers, creating it (and any new identifiers) as needed.</summary>
public sealed class ContactDirectory(OmnichannelDb db, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    /// <param name="keys">Every identifier the provider gave, most specific first (e.g. phone, then user id).</param>
    public async Task<Contact> FindOrCreateAsync(ChannelType channel, IReadOnlyList<IdentityKey> keys, string? profileName, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("A contact needs at least one identifier.", nameof(keys));
        }

        var externalIds = keys.Select(k => k.ExternalId).ToList();
        var known = await db.ContactIdentities
            .Where(i => i.Channel == channel && externalIds.Contains(i.ExternalId))
            .ToListAsync(cancellationToken);

        var first = keys.Select(k => known.FirstOrDefault(i => i.ExternalId == k.ExternalId)).FirstOrDefault(i => i is not null);
        Contact contact;
        if (first is null)
        {
            var name = (string.IsNullOrWhiteSpace(profileName) ? keys[0].Address : profileName.Trim()).Replace("\0", "", StringComparison.Ordinal);
            // Profile names are the customer's to choose: never let one exceed the column and block ingestion.
            contact = new Contact { Name = name.Length <= MaxNameLength ? name : name[..MaxNameLength], CreatedAt = clock.GetUtcNow() };
            db.Contacts.Add(contact);
        }
        else
        {
            contact = await db.Contacts.SingleAsync(c => c.Id == first.ContactId, cancellationToken);
            if (contact.MergedIntoId is not null)
            {
                // Merged while this message was on its way: it belongs to the contact that survived.
                contact = await db.Contacts.SingleAsync(c => c.Id == contact.MergedIntoId, cancellationToken);
            }
        }

        foreach (var key in keys)
        {
            var identity = known.FirstOrDefault(i => i.ExternalId == key.ExternalId);
            if (identity is null)
            {
                db.ContactIdentities.Add(new ContactIdentity { ContactId = contact.Id, Channel = channel, ExternalId = key.ExternalId, Address = key.Address });
            }
            else if (identity.ContactId == contact.Id && identity.Address != key.Address)
            {
                // The provider now knows this person by another spelling of the number: reply to that one.
                identity.Address = key.Address;
            }
        }

        return contact;
    }
}
