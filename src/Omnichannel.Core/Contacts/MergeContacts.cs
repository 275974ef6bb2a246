using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Contacts;

/// <summary>
/// Merges <see cref="OtherContactId"/> into <see cref="ContactId"/>, which survives. Every identity
/// and conversation of the other moves over; the survivor's empty fields are filled from the other
/// (nothing is overwritten; notes are appended), custom attributes are combined (the survivor wins
/// on a clash); the other keeps a pointer and disappears from lists and search; a snapshot of
/// the other is kept in <see cref="ContactMerge"/>. Where both had an active conversation in the
/// same inbox, those are merged too (the survivor's survives). Repeating the merge changes nothing.
/// </summary>
public sealed record MergeContacts(Guid ContactId, Guid OtherContactId) : ICommand<ContactView>;

public sealed class MergeContactsValidator : AbstractValidator<MergeContacts>
{
    public MergeContactsValidator() =>
        RuleFor(c => c.OtherContactId).NotEmpty().WithMessage("'otherContactId' is required.");
}

public sealed class MergeContactsHandler(OmnichannelDb db, InboxAccess access, TimeProvider clock) : ICommandHandler<MergeContacts, ContactView>
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async ValueTask<ContactView> Handle(MergeContacts command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two agents merging the same pair (or a double click) run one after the other; the second sees the first's result.
        await db.Database.ExecuteSqlAsync(
            $"SELECT 1 FROM contacts WHERE id = ANY({new[] { command.ContactId, command.OtherContactId }}) ORDER BY id FOR UPDATE",
            cancellationToken);
        var survivor = await ContactAccess.RequireAsync(db, access, command.ContactId, cancellationToken);
        var other = await ContactAccess.RequireAsync(db, access, command.OtherContactId, cancellationToken);

        if (survivor.Id == other.Id)
        {
            throw new RuleViolationException("otherContactId", "A contact cannot be merged with itself.");
        }

        if (survivor.MergedIntoId is { } onward)
        {
            throw new ConflictException($"Contact {survivor.Id} was itself merged into contact {onward}; merge into that contact instead.");
        }

        if (other.MergedIntoId is { } elsewhere)
        {
            return await ContactAccess.FinalSurvivorAsync(db, other.Id, cancellationToken) == survivor.Id
                ? await ContactViews.LoadAsync(db, access, survivor, cancellationToken) // already done
                : throw new ConflictException($"Contact {other.Id} was already merged into contact {elsewhere}.");
        }

        var now = clock.GetUtcNow();
        var actor = access.Actor;
        var identities = await db.ContactIdentities.AsNoTracking().Where(i => i.ContactId == other.Id).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var conversations = await db.Conversations.Where(c => c.ContactId == other.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var snapshot = new Snapshot(
            new ContactFields(other.Id, other.Name, other.Email, other.Phone, other.PhoneKey, other.Notes, other.AvatarUrl, CustomAttributes.Parse(other.CustomAttributes), other.CreatedAt),
            identities.Select(i => new IdentitySnapshot(i.Id, i.Channel, i.ExternalId, i.Address)).ToList(),
            conversations.Select(c => c.Id).ToList(),
            new ContactFields(survivor.Id, survivor.Name, survivor.Email, survivor.Phone, survivor.PhoneKey, survivor.Notes, survivor.AvatarUrl, CustomAttributes.Parse(survivor.CustomAttributes), survivor.CreatedAt),
            [],
            []);

        await MergeActiveConversationsAsync(survivor, conversations, snapshot, actor, now, cancellationToken);
        foreach (var conversation in conversations)
        {
            conversation.MoveToContact(survivor.Id);
            db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
        }

        await db.ContactIdentities.Where(i => i.ContactId == other.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, survivor.Id), cancellationToken);
        FillEmptyFields(survivor, other, snapshot.FilledFields);
        other.MergedIntoId = survivor.Id;
        db.ContactMerges.Add(new ContactMerge
        {
            SurvivorId = survivor.Id,
            MergedId = other.Id,
            Snapshot = JsonSerializer.Serialize(snapshot, SnapshotJson),
            ActorId = actor.UserId,
            MergedAt = now,
        });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // A customer opened a conversation in the same inbox meanwhile: nothing was written.
            throw new ConflictException("The contacts' conversations changed while merging; try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        return await ContactViews.LoadAsync(db, access, survivor, cancellationToken);
    }

    /// <summary>At most one active conversation per contact and inbox: where both have one, the other's merges into the survivor's.</summary>
    private async Task MergeActiveConversationsAsync(Contact survivor, List<Conversation> moving, Snapshot snapshot, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var activeInboxes = moving.Where(c => c.Status != ConversationStatus.Resolved && c.MergedIntoId == null).Select(c => c.InboxId).ToList();
        if (activeInboxes.Count == 0)
        {
            return;
        }

        var clashing = await db.Conversations
            .Where(c => c.ContactId == survivor.Id && c.Status != ConversationStatus.Resolved && activeInboxes.Contains(c.InboxId))
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        if (clashing.Count == 0)
        {
            return;
        }

        var otherActive = moving.Where(c => c.Status != ConversationStatus.Resolved && c.MergedIntoId == null).Select(c => c.Id);
        await ConversationMerging.LockAsync(db, [.. clashing, .. otherActive], cancellationToken);
        foreach (var survivorConversationId in clashing)
        {
            // Loaded after the lock: these values are current.
            var kept = await db.Conversations.SingleAsync(c => c.Id == survivorConversationId, cancellationToken);
            var merged = moving.Single(c => c.InboxId == kept.InboxId && c.Status != ConversationStatus.Resolved && c.MergedIntoId == null);
            await db.Entry(merged).ReloadAsync(cancellationToken);
            await ConversationMerging.MergeAsync(db, kept, merged, actor, now, cancellationToken);
            snapshot.MergedConversations.Add(new ConversationPair(kept.Id, merged.Id));
        }
    }

    private static void FillEmptyFields(Contact survivor, Contact other, List<string> filled)
    {
        if (string.IsNullOrWhiteSpace(survivor.Email) && !string.IsNullOrWhiteSpace(other.Email))
        {
            survivor.Email = other.Email;
            filled.Add("email");
        }

        if (string.IsNullOrWhiteSpace(survivor.Phone) && !string.IsNullOrWhiteSpace(other.Phone))
        {
            survivor.Phone = other.Phone;
            survivor.PhoneKey = other.PhoneKey ?? WhatsAppNumber.Normalise(other.Phone);
            filled.Add("phone");
        }

        if (string.IsNullOrWhiteSpace(survivor.AvatarUrl) && !string.IsNullOrWhiteSpace(other.AvatarUrl))
        {
            survivor.AvatarUrl = other.AvatarUrl;
            filled.Add("avatarUrl");
        }

        if (string.IsNullOrWhiteSpace(survivor.Notes) && !string.IsNullOrWhiteSpace(other.Notes))
        {
            survivor.Notes = other.Notes;
            filled.Add("notes");
        }
        else if (!string.IsNullOrWhiteSpace(other.Notes) && survivor.Notes!.Length + 2 + other.Notes.Length <= ContactRules.MaxNotesLength
            && !survivor.Notes.Contains(other.Notes, StringComparison.Ordinal))
        {
            // Notes are the team's knowledge: keep both rather than dropping the other's.
            survivor.Notes = survivor.Notes + "\n\n" + other.Notes;
            filled.Add("notes");
        }

        var attributes = CustomAttributes.Parse(survivor.CustomAttributes);
        var added = CustomAttributes.Parse(other.CustomAttributes).Where(a => !attributes.ContainsKey(a.Key)).ToList();
        if (added.Count > 0)
        {
            survivor.CustomAttributes = CustomAttributes.Serialize(attributes.Concat(added).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));
            filled.Add("customAttributes");
        }
    }

    private sealed record Snapshot(
        ContactFields Merged,
        List<IdentitySnapshot> Identities,
        List<Guid> ConversationIds,
        ContactFields SurvivorBefore,
        List<string> FilledFields,
        List<ConversationPair> MergedConversations);

    private sealed record ContactFields(
        Guid Id, string Name, string? Email, string? Phone, string? PhoneKey, string? Notes, string? AvatarUrl,
        IReadOnlyDictionary<string, JsonElement> CustomAttributes, DateTimeOffset CreatedAt);

    private sealed record IdentitySnapshot(Guid Id, ChannelType Channel, string ExternalId, string Address);

    private sealed record ConversationPair(Guid SurvivorId, Guid MergedId);
}
