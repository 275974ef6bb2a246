using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;
using Omnichannel.Notifications;
using Omnichannel.Realtime;

namespace Omnichannel.Conversations;

/// <summary>An agent answers the customer, or (Private) leaves an internal note that is never sent.</summary>
public sealed record ReplyToConversation(Guid ConversationId, string Text, bool Private = false, string? IdempotencyKey = null)
    : ICommand<ReplyAccepted>;

public sealed record ReplyAccepted(Guid Id, DeliveryStatus? Status);

public sealed class ReplyToConversationValidator : AbstractValidator<ReplyToConversation>
{
    public const int MaxLength = 4096;

    public ReplyToConversationValidator()
    {
        RuleFor(r => r.Text).NotEmpty().Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'Text' must not be blank.").MaximumLength(MaxLength);
        RuleFor(r => r.IdempotencyKey).MaximumLength(200);
    }
}

public sealed class ReplyToConversationHandler(OmnichannelDb db, InboxAccess access, OutboxWork outbox, IEnumerable<IReplyWindow> windows, TimeProvider clock)
    : ICommandHandler<ReplyToConversation, ReplyAccepted>
{
    public async ValueTask<ReplyAccepted> Handle(ReplyToConversation command, CancellationToken cancellationToken)
    {
        if (await FirstResultAsync(command, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var conversation = await access.ConversationAsync(command.ConversationId, cancellationToken);
        if (conversation.MergedIntoId is { } survivor)
        {
            throw new ConflictException($"This conversation was merged into conversation {survivor}; write there, or undo the merge first.");
        }

        var now = clock.GetUtcNow();
        if (!command.Private)
        {
            await CheckWindowAsync(conversation, now, cancellationToken);
            await ClaimReplyAsync(conversation, now, cancellationToken);
        }

        var message = Message.Reply(conversation, access.Actor.UserId, command.Text.Trim(), command.Private, command.IdempotencyKey, now);
        conversation.AddAgentMessage(message);
        db.Messages.Add(message);
        if (command.Private)
        {
            await NotifyMentionedAsync(conversation, message, cancellationToken);
        }

        if (!command.Private)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                MessageId = message.Id,
                ConversationId = conversation.Id,
                InboxId = conversation.InboxId,
                CreatedAt = message.CreatedAt,
                NextAttemptAt = message.CreatedAt,
            });
        }

        db.Publish(new InboxEvent(InboxEventKind.MessageCreated, conversation.InboxId, conversation.Id, message.Id));
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (command.IdempotencyKey is not null && ex.IsUniqueViolation())
        {
            // A concurrent retry with the same key won the race: answer with its result.
            db.ChangeTracker.Clear();
            return await FirstResultAsync(command, cancellationToken) ?? throw new ConflictException("The request is being processed; retry.");
        }

        if (!command.Private)
        {
            outbox.Poke();
        }

        return new ReplyAccepted(message.Id, message.Status);
    }

    /// <summary>Outside the channel's customer-service window the provider would refuse the reply: say so now, store nothing.</summary>
    private async Task CheckWindowAsync(Conversation conversation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var channel = await db.Inboxes.Where(i => i.Id == conversation.InboxId).Select(i => i.Channel).FirstAsync(cancellationToken);
        if (windows.FirstOrDefault(w => w.Channel == channel)?.Refusal(conversation.LastIncomingAt, now) is { } refusal)
        {
            throw new RuleViolationException("text", refusal);
        }
    }

    /// <summary>
    /// In inboxes where only the assignee replies (so two agents never answer one customer), an
    /// unassigned conversation becomes the replier's and someone else's is refused.
    /// </summary>
    private async Task ClaimReplyAsync(Conversation conversation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var onlyAssignee = await db.Inboxes.Where(i => i.Id == conversation.InboxId).Select(i => i.OnlyAssigneeReplies).FirstAsync(cancellationToken);
        if (!onlyAssignee || conversation.AssigneeId == access.Actor.UserId)
        {
            return;
        }

        if (conversation.AssigneeId is not null)
        {
            throw new ForbiddenException("In this inbox only the assignee may reply to the customer; write a private note or ask to be assigned.");
        }

        conversation.Assign(access.Actor.UserId, now);
        db.Messages.Add(Message.Activity(conversation, ActivityText.Assigned(access.Actor.Name, access.Actor.Name), now));
    }

    /// <summary>Everyone @mentioned in a note who can see the conversation gets a notification (not the author).</summary>
    private async Task NotifyMentionedAsync(Conversation conversation, Message note, CancellationToken cancellationToken)
    {
        var mentioned = Mentions.UserIds(note.Text).Where(id => id != access.Actor.UserId).ToList();
        var snippet = Mentions.Plain(note.Text);
        snippet = snippet.Length <= 280 ? snippet : snippet[..280];
        foreach (var userId in mentioned)
        {
            if (!await access.CanUserSeeInboxAsync(userId, conversation.InboxId, cancellationToken))
            {
                continue;
            }

            db.Notifications.Add(new Notification
            {
                UserId = userId,
                Kind = NotificationKind.Mention,
                ConversationId = conversation.Id,
                MessageId = note.Id,
                ActorName = access.Actor.Name,
                Snippet = snippet,
                CreatedAt = note.CreatedAt,
            });
            db.Publish(InboxEvent.Notification(userId, conversation.Id));
        }
    }

    /// <summary>The result of an earlier request with the same idempotency key, if any.</summary>
    private async Task<ReplyAccepted?> FirstResultAsync(ReplyToConversation command, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is null)
        {
            return null;
        }

        var earlier = await db.Messages.AsNoTracking()
            .Where(m => m.AuthorId == access.Actor.UserId && m.IdempotencyKey == command.IdempotencyKey)
            .Select(m => new { m.Id, m.ConversationId, m.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.ConversationId == command.ConversationId
            ? new ReplyAccepted(earlier.Id, earlier.Status)
            : throw new ConflictException("This Idempotency-Key was already used for another conversation.");
    }
}
