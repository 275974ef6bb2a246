using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Realtime;
using Omnichannel.Routing;

namespace Omnichannel.Agents;

public sealed record ProfileView(Guid Id, string Email, string Name, Role Role, Availability Availability, string? Culture, string? TimeZone);

/// <summary>The signed-in user's own profile.</summary>
public sealed record GetProfile : IQuery<ProfileView>;

/// <summary>Changes the signed-in user's name, language, time zone and availability (null leaves a field as is).</summary>
public sealed record UpdateProfile(string? Name = null, string? Culture = null, string? TimeZone = null, Availability? Availability = null) : ICommand<ProfileView>;

public sealed class UpdateProfileValidator : AbstractValidator<UpdateProfile>
{
    public static readonly string[] Cultures = ["pt-BR", "en"];

    public UpdateProfileValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(200).When(p => p.Name is not null);
        RuleFor(p => p.Culture).Must(c => Cultures.Contains(c)).When(p => p.Culture is not null)
            .WithMessage("'Culture' must be pt-BR or en.");
        RuleFor(p => p.TimeZone).Must(tz => TimeZoneInfo.TryFindSystemTimeZoneById(tz!, out _)).When(p => p.TimeZone is not null)
            .WithMessage("'Time zone' must be an IANA time zone such as America/Sao_Paulo.");
        RuleFor(p => p.Availability).IsInEnum();
    }
}

public sealed class ProfileHandlers(OmnichannelDb db, CurrentActor actor, AutoAssignment routing) :
    IQueryHandler<GetProfile, ProfileView>,
    ICommandHandler<UpdateProfile, ProfileView>
{
    public async ValueTask<ProfileView> Handle(GetProfile query, CancellationToken cancellationToken) =>
        View(await db.Users.AsNoTracking().FirstAsync(u => u.Id == actor.Value.UserId, cancellationToken));

    public async ValueTask<ProfileView> Handle(UpdateProfile command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == actor.Value.UserId, cancellationToken);
        user.DisplayName = command.Name?.Trim() ?? user.DisplayName;
        user.Culture = command.Culture ?? user.Culture;
        user.TimeZone = command.TimeZone ?? user.TimeZone;
        var cameOnline = command.Availability == Availability.Online && user.Availability != Availability.Online;
        if (command.Availability is { } availability && availability != user.Availability)
        {
            user.Availability = availability;
            db.Publish(InboxEvent.Availability(user.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (cameOnline)
        {
            await routing.DrainBacklogAsync(user.Id, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return View(user);
    }

    private static ProfileView View(User u) => new(u.Id, u.Email!, u.DisplayName, u.Role, u.Availability, u.Culture, u.TimeZone);
}
