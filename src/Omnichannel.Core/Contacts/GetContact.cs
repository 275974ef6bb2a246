using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Contacts;

/// <summary>A contact with its identities and the conversations the actor can see (newest activity first).</summary>
public sealed record GetContact(Guid ContactId) : IQuery<ContactView>;

public sealed record ContactView(
    Guid Id,
    string Name,
    string? Email,
    string? Phone,
    string? Notes,
    IReadOnlyDictionary<string, JsonElement> CustomAttributes,
    IReadOnlyList<IdentityView> Identities,
    IReadOnlyList<ContactConversation> Conversations,
    string? AvatarUrl,
    DateTimeOffset CreatedAt,
    Guid? MergedIntoId);

public sealed record IdentityView(ChannelType Channel, string ExternalId, string Address);

public sealed record ContactConversation(Guid Id, Guid InboxId, ConversationStatus Status, DateTimeOffset LastActivityAt, string? LastMessageText, Guid? MergedIntoId);

public sealed class GetContactHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<GetContact, ContactView>
{
    public async ValueTask<ContactView> Handle(GetContact query, CancellationToken cancellationToken)
    {
        var contact = await ContactAccess.RequireAsync(db, access, query.ContactId, cancellationToken);
        return await ContactViews.LoadAsync(db, access, contact, cancellationToken);
    }
}

internal static class ContactViews
{
    /// <summary>A contact with hundreds of conversations shows the most recent ones.</summary>
    public const int MaxConversations = 100;

    public static async Task<ContactView> LoadAsync(OmnichannelDb db, InboxAccess access, Contact contact, CancellationToken cancellationToken)
    {
        var visible = await access.VisibleInboxIdsAsync(cancellationToken);
        var identities = await db.ContactIdentities.AsNoTracking()
            .Where(i => i.ContactId == contact.Id)
            .OrderBy(i => i.Channel).ThenBy(i => i.ExternalId)
            .Select(i => new IdentityView(i.Channel, i.ExternalId, i.Address))
            .ToListAsync(cancellationToken);
        var conversations = await ContactAccess.Conversations(db, contact.Id, visible).AsNoTracking()
            .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id)
            .Take(MaxConversations)
            .Select(c => new ContactConversation(c.Id, c.InboxId, c.Status, c.LastActivityAt, c.LastMessageText, c.MergedIntoId))
            .ToListAsync(cancellationToken);
        return new ContactView(
            contact.Id, contact.Name, contact.Email, contact.Phone, contact.Notes, CustomAttributes.Parse(contact.CustomAttributes),
            identities, conversations, contact.AvatarUrl, contact.CreatedAt, contact.MergedIntoId);
    }
}

/// <summary>Custom attributes: a flat JSON object of string, number and boolean values.</summary>
public static class CustomAttributes
{
    public const int MaxCount = 50;
    public const int MaxKeyLength = 50;
    public const int MaxValueLength = 500;

    public static IReadOnlyDictionary<string, JsonElement> Parse(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
    }

    public static string Serialize(IReadOnlyDictionary<string, JsonElement> attributes) => JsonSerializer.Serialize(attributes);

    public static bool IsAllowedValue(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>What is wrong with the attributes an agent or integration sent (empty when they are fine).</summary>
    public static IEnumerable<string> Problems(IReadOnlyDictionary<string, JsonElement>? attributes)
    {
        if (attributes is null)
        {
            yield break;
        }

        if (attributes.Count > MaxCount)
        {
            yield return $"At most {MaxCount} custom attributes.";
        }

        if (attributes.Keys.Select(k => k.Trim()).Distinct(StringComparer.Ordinal).Count() != attributes.Count)
        {
            yield return "Attribute names must be unique.";
        }

        foreach (var (key, value) in attributes)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Trim().Length > MaxKeyLength)
            {
                yield return $"Attribute names must have 1 to {MaxKeyLength} characters.";
            }
            else if (!IsAllowedValue(value))
            {
                yield return $"'{key}': values must be text, numbers or true/false (no objects, lists or null).";
            }
            else if (value.ValueKind == JsonValueKind.String && value.GetString()!.Length > MaxValueLength)
            {
                yield return $"'{key}': values have at most {MaxValueLength} characters.";
            }
        }
    }

    /// <summary>Shows a value as the agent typed it ("ouro", 42, true).</summary>
    public static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
