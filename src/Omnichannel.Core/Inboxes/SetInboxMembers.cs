using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;

namespace Omnichannel.Inboxes;

/// <summary>Replaces the set of agents who work an inbox.</summary>
public sealed record SetInboxMembers(Guid InboxId, IReadOnlyList<Guid> UserIds) : ICommand;

public sealed class SetInboxMembersValidator : AbstractValidator<SetInboxMembers>
{
    public SetInboxMembersValidator()
    {
        RuleFor(c => c.UserIds).Cascade(CascadeMode.Stop).NotNull().Must(ids => ids.Count <= 1000).WithMessage("At most 1000 members.");
    }
}

public sealed class SetInboxMembersHandler(OmnichannelDb db, InboxAccess access) : ICommandHandler<SetInboxMembers>
{
    public async ValueTask<Unit> Handle(SetInboxMembers command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var inbox = await db.Inboxes.Include(i => i.Members).FirstOrDefaultAsync(i => i.Id == command.InboxId, cancellationToken)
            ?? throw new NotFoundException("Inbox");
        var wanted = command.UserIds.Distinct().ToList();
        var existing = await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var unknown = wanted.Except(existing).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleViolationException("userIds", $"Unknown user id(s): {string.Join(", ", unknown)}.");
        }

        inbox.Members.RemoveAll(m => !wanted.Contains(m.UserId));
        foreach (var userId in wanted.Where(id => inbox.Members.All(m => m.UserId != id)))
        {
            inbox.Members.Add(new InboxMember { InboxId = inbox.Id, UserId = userId });
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
