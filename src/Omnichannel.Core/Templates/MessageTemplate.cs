namespace Omnichannel.Templates;

/// <summary>Meta's template categories; they decide pricing, not behaviour here.</summary>
public enum TemplateCategory
{
    Utility,
    Marketing,
    Authentication,
}

/// <summary>Meta's review state of a template. Only approved ones are offered and sent.</summary>
public enum TemplateStatus
{
    Approved,
    Pending,
    Rejected,
    Paused,
    Disabled,
}

/// <summary>
/// A WhatsApp message template of one inbox, as approved by Meta: the only kind of message that
/// may start a conversation, or answer after the 24-hour window closed. The body holds
/// <c>{{1}}</c>…<c>{{n}}</c> that the agent fills; header and footer are fixed text.
/// (Name, Language) is unique per inbox, as on Meta's side.
/// </summary>
public sealed class MessageTemplate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid InboxId { get; init; }

    /// <summary>Meta's template name: lowercase letters, digits and underscores.</summary>
    public required string Name { get; set; }

    /// <summary>Meta's language code, e.g. <c>pt_BR</c> or <c>en</c>.</summary>
    public required string Language { get; set; }

    public TemplateCategory Category { get; set; }

    public TemplateStatus Status { get; set; }

    public string? Header { get; set; }

    public required string Body { get; set; }

    public string? Footer { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
