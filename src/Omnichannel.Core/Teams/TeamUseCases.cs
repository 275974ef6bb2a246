using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Teams;

public sealed record TeamView(Guid Id, string Name, string? Description, IReadOnlyList<Guid> MemberIds);

public sealed record ListTeams : IQuery<IReadOnlyList<TeamView>>;

/// <summary>Creates a team with its members (admin only).</summary>
public sealed record CreateTeam(string Name, string? Description, IReadOnlyList<Guid>? UserIds) : ICommand<TeamView>;

/// <summary>Renames a team and replaces its members (admin only).</summary>
public sealed record UpdateTeam(Guid Id, string Name, string? Description, IReadOnlyList<Guid>? UserIds) : ICommand<TeamView>;

public sealed record DeleteTeam(Guid Id) : ICommand;

public sealed class CreateTeamValidator : AbstractValidator<CreateTeam>
{
    public CreateTeamValidator()
    {
        RuleFor(t => t.Name).NotEmpty().MaximumLength(100);
        RuleFor(t => t.Description).MaximumLength(500);
        RuleFor(t => t.UserIds).Must(ids => ids is null || ids.Count <= 1000).WithMessage("At most 1000 members.");
    }
}

public sealed class UpdateTeamValidator : AbstractValidator<UpdateTeam>
{
    public UpdateTeamValidator()
    {
        RuleFor(t => t.Name).NotEmpty().MaximumLength(100);
        RuleFor(t => t.Description).MaximumLength(500);
        RuleFor(t => t.UserIds).Must(ids => ids is null || ids.Count <= 1000).WithMessage("At most 1000 members.");
    }
}

public sealed class TeamHandlers(OmnichannelDb db, InboxAccess access, TimeProvider clock) :
    IQueryHandler<ListTeams, IReadOnlyList<TeamView>>,
    ICommandHandler<CreateTeam, TeamView>,
    ICommandHandler<UpdateTeam, TeamView>,
    ICommandHandler<DeleteTeam>
{
    private const string Taken = "A team with this name already exists.";

    public async ValueTask<IReadOnlyList<TeamView>> Handle(ListTeams query, CancellationToken cancellationToken) =>
        await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TeamView(t.Id, t.Name, t.Description, t.Members.Select(m => m.UserId).ToList()))
            .ToListAsync(cancellationToken);

    public async ValueTask<TeamView> Handle(CreateTeam command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var team = new Team { Name = command.Name.Trim(), Description = command.Description?.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Teams.Add(team);
        await SetMembersAsync(team, command.UserIds ?? [], cancellationToken);
        await db.SaveUniqueAsync(Taken, cancellationToken);
        return View(team);
    }

    public async ValueTask<TeamView> Handle(UpdateTeam command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Team");
        team.Name = command.Name.Trim();
        team.Description = command.Description?.Trim();
        if (command.UserIds is not null)
        {
            await SetMembersAsync(team, command.UserIds, cancellationToken);
        }

        await db.SaveUniqueAsync(Taken, cancellationToken);
        return View(team);
    }

    public async ValueTask<Unit> Handle(DeleteTeam command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var deleted = await db.Teams.Where(t => t.Id == command.Id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw new NotFoundException("Team") : Unit.Value;
    }

    private async Task SetMembersAsync(Team team, IReadOnlyList<Guid> userIds, CancellationToken cancellationToken)
    {
        var wanted = userIds.Distinct().ToList();
        var known = await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var unknown = wanted.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new RuleViolationException("userIds", $"Unknown user id(s): {string.Join(", ", unknown)}.");
        }

        team.Members.RemoveAll(m => !wanted.Contains(m.UserId));
        team.Members.AddRange(wanted.Where(id => team.Members.All(m => m.UserId != id)).Select(id => new TeamMember { TeamId = team.Id, UserId = id }));
    }

    private static TeamView View(Team t) => new(t.Id, t.Name, t.Description, t.Members.Select(m => m.UserId).ToList());
}
