using Omnichannel.Channels.WebChat;
using Omnichannel.Common;

namespace Omnichannel.Web.WebChat;

/// <summary>
/// The visitor API the widget calls from any site (CORS open; each inbox's allowed origins are checked
/// here). Visitors authenticate with the <c>X-Visitor-Token</c> header only; nothing else they send
/// selects what they can read.
/// </summary>
public static class WidgetEndpoints
{
    public const string CorsPolicy = "widget";
    public const string TokenHeader = "X-Visitor-Token";

    public sealed record SessionBody(string? VisitorToken, string? Identifier, string? IdentifierHash, string? Name, string? Email);

    public sealed record MessageBody(string? ClientMessageId, string? Text);

    public static IServiceCollection AddWidget(this IServiceCollection services)
    {
        // Any site may load the widget; per-inbox origin lists are enforced by the endpoints and the hub.
        // No credentials (cookies) cross origins: visitors prove themselves with their token.
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy.SetIsOriginAllowed(_ => true).AllowAnyHeader().AllowAnyMethod()));
        services.AddHostedService<WidgetHubBridge>();
        return services;
    }

    /// <summary>Before endpoints: the hub's token gate (after CORS, so preflights get their headers).</summary>
    public static IApplicationBuilder UseWidget(this IApplicationBuilder app) => WidgetHub.UseWidgetHubGate(app);

    public static IEndpointRouteBuilder MapWidget(this IEndpointRouteBuilder endpoints)
    {
        var widget = endpoints.MapGroup("/widget/v1").RequireCors(CorsPolicy).DisableAntiforgery().AllowAnonymous().WithTags("Web chat widget");

        widget.MapPost("/inboxes/{inboxToken}/sessions", async (string inboxToken, SessionBody? body, WebChatVisitors visitors, HttpRequest request, CancellationToken ct) =>
        {
            var inbox = await visitors.FindInboxAsync(inboxToken, ct);
            RequireAllowedOrigin(inbox, request);
            body ??= new SessionBody(null, null, null, null, null);
            var (session, token) = await visitors.StartAsync(inbox, new StartVisitorSession(body.VisitorToken, body.Identifier, body.IdentifierHash, body.Name, body.Email), ct);
            var settings = inbox.Settings;
            return TypedResults.Ok(new
            {
                visitorToken = token,
                visitor = new { session.Visitor.Name, session.Visitor.Email, identified = !Omnichannel.WebChat.WebChatVisitor.IsAnonymous(session.Visitor.Identity) },
                agentsOnline = await visitors.AgentsOnlineAsync(inbox.Inbox.Id, ct),
                config = new { inbox.Inbox.Name, settings.SiteName, settings.Color, settings.Greeting, settings.Language, settings.PreChatForm, settings.PreChatRequired, maxMessageLength = WebChatVisitors.MaxMessageLength },
            });
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        widget.MapGet("/messages", async (bool? seen, WebChatVisitors visitors, HttpRequest request, CancellationToken ct) =>
        {
            var session = await AuthenticateAsync(visitors, request, ct);
            return TypedResults.Ok(new { items = await visitors.HistoryAsync(session, seen == true, ct) });
        }).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        widget.MapPost("/messages", async (MessageBody body, WebChatVisitors visitors, HttpRequest request, CancellationToken ct) =>
        {
            var session = await AuthenticateAsync(visitors, request, ct);
            var message = await visitors.SendAsync(session, body.ClientMessageId, body.Text, ct);
            return TypedResults.Created("/widget/v1/messages", message);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        endpoints.MapHub<WidgetHub>(WidgetHub.Route).RequireCors(CorsPolicy);
        endpoints.MapWidgetDemo();
        return endpoints;
    }

    private static async Task<AuthenticatedVisitor> AuthenticateAsync(WebChatVisitors visitors, HttpRequest request, CancellationToken ct)
    {
        var session = await visitors.AuthenticateAsync(request.Headers[TokenHeader].ToString(), ct);
        RequireAllowedOrigin(session.Inbox, request);
        return session;
    }

    /// <summary>The inbox's allowed origins (if any) plus the app itself (the demo page).</summary>
    public static void RequireAllowedOrigin(WebChatInbox inbox, HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || origin.Equals($"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!inbox.Settings.AllowsOrigin(origin))
        {
            throw new ForbiddenException($"This chat is not enabled on {origin}.");
        }
    }
}
