using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;

namespace Omnichannel.Agents;

/// <summary>Everyone who can sign in (for assignment pickers and admin screens).</summary>
public sealed record ListUsers : IQuery<IReadOnlyList<UserView>>;

public sealed record UserView(Guid Id, string Email, string Name, Role Role);

public sealed class ListUsersHandler(OmnichannelDb db) : IQueryHandler<ListUsers, IReadOnlyList<UserView>>
{
    public async ValueTask<IReadOnlyList<UserView>> Handle(ListUsers query, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new UserView(u.Id, u.Email!, u.DisplayName, u.Role))
            .ToListAsync(cancellationToken);
}
