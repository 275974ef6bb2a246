namespace Omnichannel.Contacts;

/// <summary>
/// The record of merging a contact into another: a JSON snapshot of the merged contact (fields,
/// identities, conversation ids) taken before the merge, so nothing is lost even if it was wrong.
/// </summary>
public sealed class ContactMerge
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SurvivorId { get; init; }

    public Guid MergedId { get; init; }

    public required string Snapshot { get; init; }

    public Guid? ActorId { get; init; }

    public DateTimeOffset MergedAt { get; init; }
}
