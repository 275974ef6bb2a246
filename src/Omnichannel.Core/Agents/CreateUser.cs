using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Omnichannel.Common;
using Omnichannel.Inboxes;

namespace Omnichannel.Agents;

public sealed record CreateUser(string Email, string Name, string Role, string Password) : ICommand<CreatedUser>;

public sealed record CreatedUser(Guid Id);

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Role).Must(r => Enum.TryParse<Role>(r, ignoreCase: true, out _) && !int.TryParse(r, out _))
            .WithMessage("'Role' must be one of agent, supervisor, admin.");
        RuleFor(c => c.Password).NotEmpty().MinimumLength(8).MaximumLength(128);
    }
}

public sealed class CreateUserHandler(Users users, InboxAccess access) : ICommandHandler<CreateUser, CreatedUser>
{
    public async ValueTask<CreatedUser> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var user = await users.CreateAsync(command.Email, command.Name, Roles.Parse(command.Role), command.Password);
        return new CreatedUser(user.Id);
    }
}

/// <summary>Creates users through ASP.NET Core Identity, turning its errors into our problem types.</summary>
public sealed class Users(UserManager<User> userManager, TimeProvider clock)
{
    public async Task<User> CreateAsync(string email, string name, Role role, string password)
    {
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = name.Trim(),
            Role = role,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await userManager.CreateAsync(user, password);
        if (result.Succeeded)
        {
            return user;
        }

        if (result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
        {
            throw new ConflictException("A user with this e-mail already exists.");
        }

        throw new RuleViolationException("password", string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
