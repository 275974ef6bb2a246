namespace Omnichannel.Conversations;

/// <summary>
/// The record of merging one conversation into another: which messages moved and the merged
/// conversation's former status, so the merge can be undone exactly.
/// </summary>
public sealed class ConversationMerge
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SurvivorId { get; init; }

    public Guid MergedId { get; init; }

    public required List<Guid> MovedMessageIds { get; init; }

    public ConversationStatus MergedStatus { get; init; }

    public Guid? ActorId { get; init; }

    public DateTimeOffset MergedAt { get; init; }

    public DateTimeOffset? UndoneAt { get; set; }
}
