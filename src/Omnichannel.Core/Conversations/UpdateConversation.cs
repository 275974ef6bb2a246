using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Notifications;
using Omnichannel.Realtime;
using Omnichannel.Routing;

namespace Omnichannel.Conversations;

/// <summary>
/// Changes what an agent can change on a conversation. Null means "leave as is"; the Change* flags
/// tell "clear it" (true, null) apart from "leave it" (false) for assignee and team. Labels, when
/// given, replace the conversation's labels (by name, ignoring case).
/// </summary>
public sealed record UpdateConversation(
    Guid ConversationId,
    ConversationStatus? Status = null,
    DateTimeOffset? SnoozedUntil = null,
    bool ChangeAssignee = false,
    Guid? AssigneeId = null,
    bool ChangeTeam = false,
    Guid? TeamId = null,
    Priority? Priority = null,
    IReadOnlyList<string>? Labels = null) : ICommand<ConversationSummary>;

public sealed class UpdateConversationValidator : AbstractValidator<UpdateConversation>
{
    public UpdateConversationValidator(TimeProvider clock)
    {
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c.Priority).IsInEnum();
        RuleFor(c => c).Must(c => c.Status is not null || c.ChangeAssignee || c.ChangeTeam || c.Priority is not null || c.Labels is not null)
            .WithName("body").WithMessage("Give at least one of 'status', 'assigneeId', 'teamId', 'priority' or 'labels'.");
        RuleFor(c => c.SnoozedUntil).NotNull().When(c => c.Status == ConversationStatus.Snoozed)
            .WithMessage("'snoozedUntil' is required to snooze.");
        RuleFor(c => c.SnoozedUntil).Must(until => until > clock.GetUtcNow()).When(c => c.SnoozedUntil is not null)
            .WithMessage("'snoozedUntil' must be in the future.");
        RuleFor(c => c.SnoozedUntil).Null().When(c => c.Status != ConversationStatus.Snoozed)
            .WithMessage("'snoozedUntil' goes with status 'snoozed'.");
        RuleFor(c => c.Labels).Must(l => l!.Count <= 50).When(c => c.Labels is not null).WithMessage("At most 50 labels.");
        RuleForEach(c => c.Labels).NotEmpty().MaximumLength(50);
    }
}

public sealed class UpdateConversationHandler(OmnichannelDb db, InboxAccess access, AutoAssignment routing, TimeProvider clock, IMediator mediator)
    : ICommandHandler<UpdateConversation, ConversationSummary>
{
    public async ValueTask<ConversationSummary> Handle(UpdateConversation command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var conversation = await access.ConversationAsync(command.ConversationId, cancellationToken);
        if (conversation.MergedIntoId is { } survivor)
        {
            // It stays resolved behind its pointer until the merge is undone.
            throw new ConflictException($"This conversation was merged into conversation {survivor}; change that one, or undo the merge first.");
        }

        var actor = access.Actor;
        var now = clock.GetUtcNow();
        var changed = false;
        var previousAssignee = conversation.AssigneeId;

        if (command.ChangeTeam)
        {
            changed |= await ChangeTeamAsync(conversation, command.TeamId, actor, now, cancellationToken);
        }

        if (command.ChangeAssignee)
        {
            changed |= await AssignAsync(conversation, command.AssigneeId, actor, now, cancellationToken);
        }

        if (command.Status is { } status && conversation.ChangeStatus(status, now, command.SnoozedUntil))
        {
            var line = status == ConversationStatus.Snoozed ? ActivityText.Snoozed(actor.Name, command.SnoozedUntil!.Value) : ActivityText.StatusChanged(actor.Name, status);
            db.Messages.Add(Message.Activity(conversation, line, now));
            changed = true;
        }

        if (command.Priority is { } priority && conversation.ChangePriority(priority))
        {
            db.Messages.Add(Message.Activity(conversation, ActivityText.PriorityChanged(actor.Name, priority), now));
            changed = true;
        }

        if (command.Labels is { } labels)
        {
            changed |= await SetLabelsAsync(conversation, labels, actor, now, cancellationToken);
        }

        if (changed)
        {
            await RouteAsync(conversation, command, previousAssignee, cancellationToken);
            db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return await mediator.Send(new GetConversation(conversation.Id), cancellationToken);
    }

    /// <summary>Unassigned or re-teamed work goes back through routing; resolving frees the assignee for their backlog.</summary>
    private async Task RouteAsync(Conversation conversation, UpdateConversation command, Guid? previousAssignee, CancellationToken cancellationToken)
    {
        if (conversation.AssigneeId is null && (command.ChangeAssignee || command.ChangeTeam))
        {
            await routing.AssignAsync(conversation, cancellationToken);
        }

        if (command.Status is ConversationStatus.Resolved && previousAssignee is { } freed)
        {
            await db.SaveChangesAsync(cancellationToken);
            await routing.DrainBacklogAsync(freed, cancellationToken);
        }
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
        if (userId != actor.UserId)
        {
            db.Notifications.Add(new Notification { UserId = userId, Kind = NotificationKind.Assigned, ConversationId = conversation.Id, ActorName = actor.Name, CreatedAt = now });
            db.Publish(InboxEvent.Notification(userId, conversation.Id));
        }

        return true;
    }

    private async Task<bool> ChangeTeamAsync(Conversation conversation, Guid? teamId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (conversation.TeamId == teamId)
        {
            return false;
        }

        if (teamId is not { } id)
        {
            conversation.AssignTeam(null, now);
            db.Messages.Add(Message.Activity(conversation, ActivityText.NoTeam(actor.Name), now));
            return true;
        }

        var team = await db.Teams.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RuleViolationException("teamId", "There is no team with this id.");
        conversation.AssignTeam(id, now);
        db.Messages.Add(Message.Activity(conversation, ActivityText.Team(actor.Name, team), now));
        return true;
    }

    private async Task<bool> SetLabelsAsync(Conversation conversation, IReadOnlyList<string> names, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = names.Select(n => n.Trim().ToLowerInvariant()).Distinct().ToList();
        var labels = await db.Labels.Where(l => wanted.Contains(EF.Property<string>(l, "NameKey"))).ToListAsync(cancellationToken);
        var unknown = wanted.Except(labels.Select(l => l.Name.ToLowerInvariant())).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleViolationException("labels", $"Unknown label(s): {string.Join(", ", unknown)}. Admins create labels first.");
        }

        var current = await db.ConversationLabels.Where(l => l.ConversationId == conversation.Id).ToListAsync(cancellationToken);
        var removed = current.Where(c => labels.All(l => l.Id != c.LabelId)).ToList();
        var added = labels.Where(l => current.All(c => c.LabelId != l.Id)).ToList();
        db.ConversationLabels.RemoveRange(removed);
        db.ConversationLabels.AddRange(added.Select(l => new ConversationLabel { ConversationId = conversation.Id, LabelId = l.Id }));
        foreach (var label in added)
        {
            db.Messages.Add(Message.Activity(conversation, ActivityText.LabelAdded(actor.Name, label.Name), now));
        }

        if (removed.Count > 0)
        {
            var removedNames = await db.Labels.Where(l => removed.Select(r => r.LabelId).Contains(l.Id)).Select(l => l.Name).ToListAsync(cancellationToken);
            db.Messages.AddRange(removedNames.Select(n => Message.Activity(conversation, ActivityText.LabelRemoved(actor.Name, n), now)));
        }

        return added.Count > 0 || removed.Count > 0;
    }
}
