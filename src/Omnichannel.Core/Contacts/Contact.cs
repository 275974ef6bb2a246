namespace Omnichannel.Contacts;

/// <summary>A customer. One contact may be reachable through several channel identities.</summary>
public sealed class Contact
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public string? AvatarUrl { get; set; }

    public string? Email { get; set; }

    /// <summary>Phone as the team typed it; <see cref="PhoneKey"/> is its normalised digits for matching.</summary>
    public string? Phone { get; set; }

    public string? PhoneKey { get; set; }

    public string? Notes { get; set; }

    /// <summary>Free-form attributes as a JSON object ({"plano": "ouro", "cpf": "..."}).</summary>
    public string CustomAttributes { get; set; } = "{}";

    /// <summary>Set when this contact was merged into another; it no longer appears anywhere.</summary>
    public Guid? MergedIntoId { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<ContactIdentity> Identities { get; init; } = [];
}

/// <summary>
/// How a channel knows a contact: a WhatsApp number (normalised), a WhatsApp business-scoped user id,
/// an Instagram id, an e-mail address. Unique per channel, so a customer is never two contacts there.
/// </summary>
public sealed class ContactIdentity
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ContactId { get; init; }

    public Inboxes.ChannelType Channel { get; init; }

    /// <summary>The normalised key this identity is matched by.</summary>
    public required string ExternalId { get; init; }

    /// <summary>The address exactly as the provider last used it (what we send to).</summary>
    public required string Address { get; set; }
}
