using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Inbound;

/// <summary>
/// Meta's webhook subscription handshake, the same for WhatsApp and Instagram: echo hub.challenge
/// when hub.verify_token matches the verify token of one of the channel's inboxes.
/// </summary>
public static class MetaHandshake
{
    public static async Task<IResult> VerifyAsync(
        HttpRequest request, OmnichannelDb db, InboxSecrets secrets, ChannelType channel, Func<Inbox, InboxSecrets, string> verifyToken, CancellationToken cancellationToken)
    {
        var mode = request.Query["hub.mode"].ToString();
        var token = request.Query["hub.verify_token"].ToString();
        var challenge = request.Query["hub.challenge"].ToString();
        if (mode != "subscribe" || token.Length == 0)
        {
            return Results.Problem(statusCode: 403, title: "Verification failed", detail: "hub.mode must be 'subscribe' with the inbox's verify token.");
        }

        var inboxes = await db.Inboxes.AsNoTracking().Where(i => i.Channel == channel).ToListAsync(cancellationToken);
        return inboxes.Any(i => MetaSignature.TokensEqual(token, verifyToken(i, secrets)))
            ? Results.Text(challenge, "text/plain")
            : Results.Problem(statusCode: 403, title: "Verification failed", detail: $"The verify token does not match any {channel} inbox.");
    }
}
