using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Conversations;

/// <summary>
/// Merges <see cref="OtherConversationId"/> into <see cref="ConversationId"/> (which survives, keeping
/// its status and assignee): every message of the other moves into the survivor, the other is
/// resolved with a pointer to the survivor, and a <see cref="ConversationMerge"/> records what moved
/// so <see cref="UnmergeConversation"/> can undo it exactly. Repeating the merge changes nothing.
/// </summary>
public sealed record MergeConversations(Guid ConversationId, Guid OtherConversationId) : ICommand<ConversationSummary>;

public sealed class MergeConversationsValidator : AbstractValidator<MergeConversations>
{
    public MergeConversationsValidator() =>
        RuleFor(c => c.OtherConversationId).NotEmpty().WithMessage("'otherConversationId' is required.");
}

public sealed class MergeConversationsHandler(OmnichannelDb db, InboxAccess access, TimeProvider clock, IMediator mediator)
    : ICommandHandler<MergeConversations, ConversationSummary>
{
    public async ValueTask<ConversationSummary> Handle(MergeConversations command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ConversationMerging.LockAsync(db, [command.ConversationId, command.OtherConversationId], cancellationToken);
        var survivor = await access.ConversationAsync(command.ConversationId, cancellationToken);
        var other = await access.ConversationAsync(command.OtherConversationId, cancellationToken);

        if (survivor.Id == other.Id)
        {
            throw new RuleViolationException("otherConversationId", "A conversation cannot be merged into itself.");
        }

        if (other.MergedIntoId == survivor.Id)
        {
            return await mediator.Send(new GetConversation(survivor.Id), cancellationToken); // already done
        }

        if (other.MergedIntoId is { } elsewhere)
        {
            throw new ConflictException($"Conversation {other.Id} was already merged into conversation {elsewhere}.");
        }

        if (survivor.MergedIntoId is { } onward)
        {
            throw new ConflictException($"Conversation {survivor.Id} was itself merged into conversation {onward}; merge into that conversation instead.");
        }

        if (other.ContactId != survivor.ContactId)
        {
            throw new RuleViolationException("otherConversationId", "Only conversations with the same contact can be merged (merge the contacts first).");
        }

        if (other.InboxId != survivor.InboxId)
        {
            throw new RuleViolationException("otherConversationId", "Only conversations of the same inbox can be merged: replies go out through the conversation's inbox.");
        }

        await ConversationMerging.MergeAsync(db, survivor, other, access.Actor, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await mediator.Send(new GetConversation(survivor.Id), cancellationToken);
    }
}

/// <summary>The steps of merging and unmerging conversations, shared by conversation and contact merges.</summary>
internal static class ConversationMerging
{
    /// <summary>
    /// Locks the conversations' rows until the transaction ends (in id order, so two merges cannot
    /// deadlock). A customer message for them waits meanwhile, then lands where the merge left things.
    /// </summary>
    public static async Task LockAsync(OmnichannelDb db, Guid[] conversationIds, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"SELECT 1 FROM conversations WHERE id = ANY({conversationIds}) ORDER BY id FOR UPDATE",
            cancellationToken);

    /// <summary>Stages the merge of <paramref name="other"/> into <paramref name="survivor"/> (rows locked, inside a transaction); the caller saves.</summary>
    public static async Task MergeAsync(OmnichannelDb db, Conversation survivor, Conversation other, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var formerStatus = other.Status;
        var moved = await db.Messages.Where(m => m.ConversationId == other.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        await MoveAsync(db, moved, other.Id, survivor.Id, cancellationToken);

        other.MergeInto(survivor, now);
        var survivorLine = Message.Activity(survivor, ActivityText.Merged(actor.Name, other.Id), now);
        var otherLine = Message.Activity(other, ActivityText.MergedInto(actor.Name, survivor.Id), now);
        db.Messages.AddRange(survivorLine, otherLine);
        await RecalculateAsync(db, survivor, survivorLine, cancellationToken);
        await RecalculateAsync(db, other, otherLine, cancellationToken);

        db.ConversationMerges.Add(new ConversationMerge
        {
            SurvivorId = survivor.Id,
            MergedId = other.Id,
            MovedMessageIds = moved,
            MergedStatus = formerStatus,
            ActorId = actor.UserId,
            MergedAt = now,
        });
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, survivor.InboxId, survivor.Id));
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, other.InboxId, other.Id));
    }

    /// <summary>Moves exactly these messages, and only from <paramref name="from"/> (one statement, however long the thread).</summary>
    public static async Task MoveAsync(OmnichannelDb db, List<Guid> messageIds, Guid from, Guid to, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return;
        }

        await db.Messages.Where(m => m.ConversationId == from && messageIds.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ConversationId, to), cancellationToken);
    }

    /// <summary>
    /// <see cref="Conversation.Recalculate"/> with only the messages that decide the result (newest
    /// customer-facing message, newest incoming one, and the new activity line), not a whole thread.
    /// </summary>
    public static async Task RecalculateAsync(OmnichannelDb db, Conversation conversation, Message newLine, CancellationToken cancellationToken)
    {
        var messages = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversation.Id && m.Kind == MessageKind.Message);
        var newest = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        var newestIncoming = await messages.Where(m => m.Direction == MessageDirection.Incoming)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        conversation.Recalculate(new[] { newest, newestIncoming, newLine }.OfType<Message>().DistinctBy(m => m.Id).ToList());
    }
}
