using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Agents;

/// <summary>Creates an API bearer token for a user; the plain token is returned once and never stored.</summary>
public sealed record IssueApiToken(Guid UserId) : ICommand<IssuedApiToken>;

public sealed record IssuedApiToken(Guid Id, string Token);

public sealed class IssueApiTokenHandler(OmnichannelDb db, InboxAccess access, TimeProvider clock) : ICommandHandler<IssueApiToken, IssuedApiToken>
{
    public async ValueTask<IssuedApiToken> Handle(IssueApiToken command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        if (!await db.Users.AnyAsync(u => u.Id == command.UserId, cancellationToken))
        {
            throw new NotFoundException("User");
        }

        var value = ApiToken.NewValue();
        var token = new ApiToken { UserId = command.UserId, Hash = ApiToken.HashOf(value), CreatedAt = clock.GetUtcNow() };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiToken(token.Id, value);
    }
}
