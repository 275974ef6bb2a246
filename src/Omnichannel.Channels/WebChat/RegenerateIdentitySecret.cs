using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WebChat;

/// <summary>Replaces a web-chat inbox's identity secret; identifiers signed with the old one stop verifying at once.</summary>
public sealed record RegenerateIdentitySecret(Guid InboxId) : ICommand<IssuedIdentitySecret>;

/// <summary>The new secret: the only time it leaves the server (the site's backend needs it to sign identifiers).</summary>
public sealed record IssuedIdentitySecret(string IdentitySecret);

public sealed class RegenerateIdentitySecretHandler(OmnichannelDb db, InboxAccess access, InboxSecrets secrets)
    : ICommandHandler<RegenerateIdentitySecret, IssuedIdentitySecret>
{
    public async ValueTask<IssuedIdentitySecret> Handle(RegenerateIdentitySecret command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == command.InboxId && i.Channel == ChannelType.WebChat, cancellationToken)
            ?? throw new NotFoundException("Web chat inbox");
        var fresh = WebChatSecrets.New();
        inbox.EncryptedSecrets = secrets.Protect(WebChatSecrets.Serialize(fresh));
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedIdentitySecret(fresh.IdentitySecret);
    }
}
