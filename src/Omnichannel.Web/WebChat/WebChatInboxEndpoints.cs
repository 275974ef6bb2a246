using System.Text.Encodings.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Channels.WebChat;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Web.Auth;
using Omnichannel.Web.Hosting;

namespace Omnichannel.Web.WebChat;

/// <summary>Admin side of a web-chat inbox: the snippet to paste, and the identity secret (shown only when (re)generated).</summary>
public static class WebChatInboxEndpoints
{
    public static void MapWebChatInboxes(this RouteGroupBuilder api)
    {
        var inboxes = api.MapGroup("/inboxes/{id:guid}/webchat").WithTags("Inboxes").RequireAuthorization(AccountServices.AdminApiPolicy);

        inboxes.MapGet("", async (Guid id, OmnichannelDb db, InboxSecrets secrets, HttpRequest request, IConfiguration configuration, CancellationToken ct) =>
        {
            var inbox = await WebChatInboxAsync(db, secrets, id, ct);
            return TypedResults.Ok(new { publicToken = inbox.Settings.PublicToken, snippet = Snippet(PublicAddress.BaseUrl(configuration, request), inbox.Settings.PublicToken), settings = inbox.Settings });
        }).ProducesProblem(StatusCodes.Status404NotFound);

        // The only answer (besides creation) that carries the secret: the site's backend needs it to sign identifiers.
        inboxes.MapPost("/identity-secret", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RegenerateIdentitySecret(id), ct))).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>What a site pastes before &lt;/body&gt;.</summary>
    public static string Snippet(string baseUrl, string publicToken) =>
        $"<script async src=\"{HtmlEncoder.Default.Encode(baseUrl)}/widget.js\" data-inbox=\"{HtmlEncoder.Default.Encode(publicToken)}\"></script>";

    private static async Task<WebChatInbox> WebChatInboxAsync(OmnichannelDb db, InboxSecrets secrets, Guid id, CancellationToken ct)
    {
        var inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.Channel == ChannelType.WebChat, ct) ?? throw new NotFoundException("Web chat inbox");
        return WebChatInbox.From(inbox, secrets);
    }
}
