namespace Omnichannel.Labels;

/// <summary>An admin-managed, coloured tag for conversations ("reembolso", "vip"). Names are unique ignoring case.</summary>
public sealed class Label
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>#RRGGBB.</summary>
    public required string Color { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
