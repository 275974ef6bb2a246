using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Contacts;

/// <summary>
/// Edits what the team knows about a contact. A null <see cref="Name"/> or <see cref="CustomAttributes"/>
/// leaves it as is; the Change* flags tell "clear it" (true with null or "") apart from "leave it"
/// (false) for e-mail, phone and notes. Custom attributes, when given, replace the whole object.
/// </summary>
public sealed record UpdateContact(
    Guid ContactId,
    string? Name = null,
    bool ChangeEmail = false,
    string? Email = null,
    bool ChangePhone = false,
    string? Phone = null,
    bool ChangeNotes = false,
    string? Notes = null,
    IReadOnlyDictionary<string, JsonElement>? CustomAttributes = null) : ICommand<ContactView>;

public static partial class ContactRules
{
    public const int MaxEmailLength = 320;
    public const int MaxPhoneLength = 40;
    public const int MaxNotesLength = 10_000;
    public const int MinPhoneDigits = 8;
    public const int MaxPhoneDigits = 15;

    /// <summary>One @, something before it, a dotted domain after it, no spaces: what a support team can mail.</summary>
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    public static partial Regex Email();

    /// <summary>Digits with the usual phone punctuation: "+55 (11) 98888-7777".</summary>
    [GeneratedRegex(@"^\+?[0-9][0-9 ().\-]*$")]
    public static partial Regex Phone();

    public static bool IsPhone(string phone)
    {
        var trimmed = phone.Trim();
        var digits = WhatsAppNumber.Normalise(trimmed).Length;
        return Phone().IsMatch(trimmed) && digits is >= MinPhoneDigits and <= MaxPhoneDigits;
    }
}

public sealed class UpdateContactValidator : AbstractValidator<UpdateContact>
{
    public UpdateContactValidator()
    {
        RuleFor(c => c).Must(c => c.Name is not null || c.ChangeEmail || c.ChangePhone || c.ChangeNotes || c.CustomAttributes is not null)
            .WithName("body").WithMessage("Give at least one of 'name', 'email', 'phone', 'notes' or 'customAttributes'.");
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).When(c => c.Name is not null).WithMessage("'name' must not be empty.");
        RuleFor(c => c.Name).MaximumLength(ContactDirectory.MaxNameLength);
        RuleFor(c => c.Email).MaximumLength(ContactRules.MaxEmailLength)
            .Must(e => ContactRules.Email().IsMatch(e!.Trim())).When(c => !string.IsNullOrWhiteSpace(c.Email))
            .WithMessage("'email' must be an e-mail address like name@example.com.");
        RuleFor(c => c.Phone).MaximumLength(ContactRules.MaxPhoneLength)
            .Must(p => ContactRules.IsPhone(p!)).When(c => !string.IsNullOrWhiteSpace(c.Phone))
            .WithMessage($"'phone' must be a phone number with {ContactRules.MinPhoneDigits} to {ContactRules.MaxPhoneDigits} digits (spaces, +, -, ( ) allowed).");
        RuleFor(c => c.Notes).MaximumLength(ContactRules.MaxNotesLength);
        RuleFor(c => c.CustomAttributes).Custom((attributes, context) =>
        {
            foreach (var problem in CustomAttributes.Problems(attributes))
            {
                context.AddFailure("customAttributes", problem);
            }
        });
    }
}

public sealed class UpdateContactHandler(OmnichannelDb db, InboxAccess access) : ICommandHandler<UpdateContact, ContactView>
{
    /// <summary>Screens showing the contact's name (list rows, headers) reload through these conversations' events.</summary>
    private const int ConversationsToNotify = 100;

    public async ValueTask<ContactView> Handle(UpdateContact command, CancellationToken cancellationToken)
    {
        var contact = await ContactAccess.RequireAsync(db, access, command.ContactId, cancellationToken);
        if (contact.MergedIntoId is { } survivor)
        {
            throw new ConflictException($"This contact was merged into contact {survivor}; edit that contact instead.");
        }

        if (command.Name is { } name)
        {
            contact.Name = name.Trim();
        }

        if (command.ChangeEmail)
        {
            contact.Email = Blank(command.Email);
        }

        if (command.ChangePhone)
        {
            contact.Phone = Blank(command.Phone);
            contact.PhoneKey = contact.Phone is null ? null : WhatsAppNumber.Normalise(contact.Phone);
        }

        if (command.ChangeNotes)
        {
            contact.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.TrimEnd();
        }

        if (command.CustomAttributes is { } attributes)
        {
            contact.CustomAttributes = CustomAttributes.Serialize(attributes.ToDictionary(a => a.Key.Trim(), a => a.Value, StringComparer.Ordinal));
        }

        var conversations = await db.Conversations.Where(c => c.ContactId == contact.Id)
            .OrderByDescending(c => c.LastActivityAt).Take(ConversationsToNotify)
            .Select(c => new { c.Id, c.InboxId }).ToListAsync(cancellationToken);
        foreach (var conversation in conversations)
        {
            db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        return await ContactViews.LoadAsync(db, access, contact, cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
