using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;

namespace Omnichannel.Inboxes;

/// <summary>
/// Changes an inbox's name and how its conversations are worked (admin only). Null leaves a field as
/// is; <paramref name="ChangeMaxOpen"/> with a null <paramref name="MaxOpenPerAgent"/> removes the limit.
/// </summary>
public sealed record UpdateInbox(
    Guid InboxId,
    string? Name = null,
    bool? AutoAssignment = null,
    bool ChangeMaxOpen = false,
    int? MaxOpenPerAgent = null,
    bool? OnlyAssigneeReplies = null) : ICommand;

public sealed class UpdateInboxValidator : AbstractValidator<UpdateInbox>
{
    public UpdateInboxValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).When(c => c.Name is not null);
        RuleFor(c => c.MaxOpenPerAgent).InclusiveBetween(1, 1000).When(c => c.MaxOpenPerAgent is not null);
    }
}

public sealed class UpdateInboxHandler(OmnichannelDb db, InboxAccess access) : ICommandHandler<UpdateInbox>
{
    public async ValueTask<Unit> Handle(UpdateInbox command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == command.InboxId, cancellationToken) ?? throw new NotFoundException("Inbox");
        inbox.Name = command.Name?.Trim() ?? inbox.Name;
        inbox.AutoAssignment = command.AutoAssignment ?? inbox.AutoAssignment;
        inbox.OnlyAssigneeReplies = command.OnlyAssigneeReplies ?? inbox.OnlyAssigneeReplies;
        if (command.ChangeMaxOpen)
        {
            inbox.MaxOpenPerAgent = command.MaxOpenPerAgent;
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
