using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Conversations;

/// <summary>
/// Undoes the merge of <see cref="ConversationId"/> (the merged one): exactly the messages the merge
/// moved go back, and the conversation gets its former status again — unless that would make two
/// active conversations for the contact in the inbox (the survivor usually is active), in which case
/// it comes back resolved and an agent can reopen whichever one should continue. A snoozed
/// conversation comes back open. Undoing a merge that is not in effect is a 409.
/// </summary>
public sealed record UnmergeConversation(Guid ConversationId) : ICommand<ConversationSummary>;

public sealed class UnmergeConversationHandler(OmnichannelDb db, InboxAccess access, TimeProvider clock, IMediator mediator)
    : ICommandHandler<UnmergeConversation, ConversationSummary>
{
    public async ValueTask<ConversationSummary> Handle(UnmergeConversation command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pointer = await db.Conversations.AsNoTracking().Where(c => c.Id == command.ConversationId).Select(c => new { c.MergedIntoId }).FirstOrDefaultAsync(cancellationToken);
        if (pointer?.MergedIntoId is { } survivorId)
        {
            await ConversationMerging.LockAsync(db, [command.ConversationId, survivorId], cancellationToken);
        }

        var merged = await access.ConversationAsync(command.ConversationId, cancellationToken);
        if (merged.MergedIntoId is null || merged.MergedIntoId != pointer?.MergedIntoId)
        {
            throw new ConflictException("This conversation is not merged into another one (or its merge was already undone).");
        }

        var survivor = await db.Conversations.SingleAsync(c => c.Id == merged.MergedIntoId, cancellationToken);
        if (survivor.MergedIntoId is { } onward)
        {
            throw new ConflictException($"Conversation {survivor.Id} was itself merged into conversation {onward} afterwards; undo that merge first.");
        }

        var merge = await db.ConversationMerges
            .Where(m => m.MergedId == merged.Id && m.SurvivorId == survivor.Id && m.UndoneAt == null)
            .OrderByDescending(m => m.MergedAt)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException("There is no record of this merge to undo.");

        var now = clock.GetUtcNow();
        var actor = access.Actor;
        await ConversationMerging.MoveAsync(db, merge.MovedMessageIds, survivor.Id, merged.Id, cancellationToken);

        var status = merge.MergedStatus;
        var anotherActive = await db.Conversations.AnyAsync(
            c => c.InboxId == merged.InboxId && c.ContactId == merged.ContactId && c.Id != merged.Id && c.Status != ConversationStatus.Resolved,
            cancellationToken);
        if (status != ConversationStatus.Resolved && anotherActive)
        {
            status = ConversationStatus.Resolved;
        }

        merged.Unmerge(status, now);
        merge.UndoneAt = now;
        var survivorLine = Message.Activity(survivor, ActivityText.Unmerged(actor.Name, merged.Id), now);
        var mergedLine = Message.Activity(merged, ActivityText.Unmerged(actor.Name, survivor.Id), now);
        db.Messages.AddRange(survivorLine, mergedLine);
        await ConversationMerging.RecalculateAsync(db, survivor, survivorLine, cancellationToken);
        await ConversationMerging.RecalculateAsync(db, merged, mergedLine, cancellationToken);

        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, survivor.InboxId, survivor.Id));
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, merged.InboxId, merged.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await mediator.Send(new GetConversation(merged.Id), cancellationToken);
    }
}
