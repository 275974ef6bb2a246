using System.Globalization;
using System.Text.Json;
using Omnichannel.Contacts;

namespace Omnichannel.Web.Components.Contacts;

/// <summary>What the contact page's form edits, compared with the stored contact to know whether there is anything to save.</summary>
public sealed class ContactForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Notes { get; set; }

    public List<AttributeRow> Attributes { get; init; } = [];

    public static ContactForm From(ContactView contact) => new()
    {
        Name = contact.Name,
        Email = contact.Email,
        Phone = contact.Phone,
        Notes = contact.Notes,
        Attributes = contact.CustomAttributes
            .OrderBy(a => a.Key, StringComparer.CurrentCulture)
            .Select(a => new AttributeRow { Key = a.Key, Value = CustomAttributes.Display(a.Value), Kind = a.Value.ValueKind })
            .ToList(),
    };

    /// <summary>Rows the agent filled in (a row left completely empty is ignored).</summary>
    public IEnumerable<AttributeRow> FilledAttributes => Attributes.Where(a => !string.IsNullOrWhiteSpace(a.Key) || !string.IsNullOrWhiteSpace(a.Value));

    public bool HasDuplicateAttributeNames =>
        FilledAttributes.GroupBy(a => (a.Key ?? "").Trim(), StringComparer.Ordinal).Any(g => g.Count() > 1);

    /// <summary>Everything is sent: unchanged values are written back unchanged.</summary>
    public UpdateContact ToCommand(Guid contactId) => new(
        contactId,
        Name ?? "",
        ChangeEmail: true,
        Email: Email,
        ChangePhone: true,
        Phone: Phone,
        ChangeNotes: true,
        Notes: Notes,
        CustomAttributes: FilledAttributes.ToDictionary(a => (a.Key ?? "").Trim(), a => a.ToJson(), StringComparer.Ordinal));

    public bool Matches(ContactForm other) =>
        Same(Name, other.Name) && Same(Email, other.Email) && Same(Phone, other.Phone) && Same(Notes, other.Notes)
        && FilledAttributes.Select(a => (a.Key ?? "", a.Value ?? "")).SequenceEqual(other.FilledAttributes.Select(a => (a.Key ?? "", a.Value ?? "")));

    private static bool Same(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);
}

/// <summary>One custom attribute being edited. A value that was a number or true/false stays one while it still reads as one.</summary>
public sealed class AttributeRow
{
    public string? Key { get; set; }

    public string? Value { get; set; }

    public JsonValueKind Kind { get; init; } = JsonValueKind.String;

    public JsonElement ToJson()
    {
        var value = (Value ?? "").Trim();
        if (Kind == JsonValueKind.Number && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return JsonSerializer.SerializeToElement(number);
        }

        if (Kind is JsonValueKind.True or JsonValueKind.False && bool.TryParse(value, out var flag))
        {
            return JsonSerializer.SerializeToElement(flag);
        }

        return JsonSerializer.SerializeToElement(value);
    }
}
