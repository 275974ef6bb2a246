using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Conversations;

/// <summary>
/// Changes a conversation's status and/or assignee. <paramref name="ChangeAssignee"/> tells
/// "unassign" (true, null) apart from "leave as is" (false).
/// </summary>
public sealed record UpdateConversation(Guid ConversationId, ConversationStatus? Status = null, bool ChangeAssignee = false, Guid? AssigneeId = null)
    : ICommand<ConversationSummary>;

public sealed class UpdateConversationValidator : AbstractValidator<UpdateConversation>
{
    public UpdateConversationValidator()
    {
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c).Must(c => c.Status is not null || c.ChangeAssignee)
            .WithName("body").WithMessage("Give at least one of 'status' or 'assigneeId'.");
    }
}

public sealed class UpdateConversationHandler(OmnichannelDb db, InboxAccess access, TimeProvider clock, IMediator mediator)
    : ICommandHandler<UpdateConversation, ConversationSummary>
{
    public async ValueTask<ConversationSummary> Handle(UpdateConversation command, CancellationToken cancellationToken)
    {
        var conversation = await access.ConversationAsync(command.ConversationId, cancellationToken);
        var actor = access.Actor;
        var now = clock.GetUtcNow();
        var changed = false;

        if (command.ChangeAssignee)
        {
            changed |= await AssignAsync(conversation, command.AssigneeId, actor, now, cancellationToken);
        }

        if (command.Status is { } status && conversation.ChangeStatus(status, now))
        {
            db.Messages.Add(Message.Activity(conversation, ActivityText.StatusChanged(actor.Name, status), now));
            changed = true;
        }

        if (changed)
        {
            db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await mediator.Send(new GetConversation(conversation.Id), cancellationToken);
    }

    private async Task<bool> AssignAsync(Conversation conversation, Guid? assigneeId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (conversation.AssigneeId == assigneeId)
        {
            return false;
        }

        if (assigneeId is not { } userId)
        {
            conversation.Assign(null, now);
            db.Messages.Add(Message.Activity(conversation, ActivityText.Unassigned(actor.Name), now));
            return true;
        }

        var assignee = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        if (assignee is null || !await access.CanUserSeeInboxAsync(userId, conversation.InboxId, cancellationToken))
        {
            throw new RuleViolationException("assigneeId", "The assignee must be a user who can see this conversation's inbox.");
        }

        conversation.Assign(userId, now);
        db.Messages.Add(Message.Activity(conversation, ActivityText.Assigned(actor.Name, assignee), now));
        return true;
    }
}
