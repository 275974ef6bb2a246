using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Contacts;

/// <summary>
/// Who sees which contact, derived from <see cref="InboxAccess"/>: supervisors and admins see every
/// contact; an agent sees a contact when one of its conversations is in an inbox they are a member
/// of. Contacts the actor cannot see are reported as not found, like conversations.
/// </summary>
internal static class ContactAccess
{
    /// <summary>Contacts the actor may see (merged contacts included; callers filter them when listing).</summary>
    public static IQueryable<Contact> Visible(OmnichannelDb db, IReadOnlyList<Guid>? visibleInboxes) => Visible(db, db.Contacts, visibleInboxes);

    public static IQueryable<Contact> Visible(OmnichannelDb db, IQueryable<Contact> contacts, IReadOnlyList<Guid>? visibleInboxes) =>
        visibleInboxes is null
            ? contacts
            : contacts.Where(c => db.Conversations.Any(v => v.ContactId == c.Id && visibleInboxes.Contains(v.InboxId)));

    /// <summary>The contact's conversations the actor may see.</summary>
    public static IQueryable<Conversation> Conversations(OmnichannelDb db, Guid contactId, IReadOnlyList<Guid>? visibleInboxes) =>
        visibleInboxes is null
            ? db.Conversations.Where(c => c.ContactId == contactId)
            : db.Conversations.Where(c => c.ContactId == contactId && visibleInboxes.Contains(c.InboxId));

    /// <summary>
    /// Loads a contact the actor may see (tracked, without identities), or throws not found. A merged
    /// contact has no conversations left, so it is visible when the contact it was merged into is.
    /// </summary>
    public static async Task<Contact> RequireAsync(OmnichannelDb db, InboxAccess access, Guid contactId, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken) ?? throw new NotFoundException("Contact");
        var visible = await access.VisibleInboxIdsAsync(cancellationToken);
        var judged = contact.MergedIntoId is null ? contact.Id : await FinalSurvivorAsync(db, contact.Id, cancellationToken);
        if (visible is not null && !await Conversations(db, judged, visible).AnyAsync(cancellationToken))
        {
            throw new NotFoundException("Contact");
        }

        return contact;
    }

    /// <summary>Follows merge pointers to the contact that holds everything now (the contact itself if it was never merged).</summary>
    public static async Task<Guid> FinalSurvivorAsync(OmnichannelDb db, Guid contactId, CancellationToken cancellationToken)
    {
        var current = contactId;
        // Merges never form a cycle (a merged contact cannot be merged again), but stay bounded anyway.
        for (var hops = 0; hops < 32; hops++)
        {
            var next = await db.Contacts.Where(c => c.Id == current).Select(c => c.MergedIntoId).FirstOrDefaultAsync(cancellationToken);
            if (next is not { } id)
            {
                return current;
            }

            current = id;
        }

        return current;
    }
}
