using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Channels.WebChat;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Web.WebChat;

/// <summary>
/// Live updates for web-chat visitors, authenticated only by the visitor token (<c>access_token</c>
/// query or bearer header, as the SignalR client sends it). A connection joins the group of the
/// visitor's own contact and nothing else; no method takes an id, so a tampering client has nothing
/// to point at another visitor. Clients receive <c>changed</c> (re-read the history) and
/// <c>typing</c> {typing, name}.
/// </summary>
public sealed class WidgetHub(WebChatVisitors visitors) : Hub
{
    public const string Route = "/hubs/widget";
    private const string TokenKey = "visitor-token";

    public static string GroupOf(Guid contactId) => $"webchat-contact:{contactId}";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext()!;
        var token = TokenOf(http.Request);
        AuthenticatedVisitor session;
        try
        {
            session = await visitors.AuthenticateAsync(token, Context.ConnectionAborted);
            WidgetEndpoints.RequireAllowedOrigin(session.Inbox, http.Request);
        }
        catch (ProblemException ex)
        {
            throw new HubException(ex.Message);
        }

        Context.Items[TokenKey] = token;
        await JoinContactAsync(session);
        await base.OnConnectedAsync();
    }

    /// <summary>Called after the visitor's first message created their contact: joins its group.</summary>
    public async Task Join() => await JoinContactAsync(await SessionAsync());

    /// <summary>The visitor started (true) or stopped (false) typing.</summary>
    public async Task Typing(bool typing) => await visitors.ReportTypingAsync(await SessionAsync(), typing, Context.ConnectionAborted);

    /// <summary>Where the SignalR client puts the token: the query for WebSockets/SSE, the bearer header otherwise.</summary>
    public static string TokenOf(HttpRequest request) =>
        request.Query["access_token"].ToString() is { Length: > 0 } query
            ? query
            : request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);

    /// <summary>
    /// Refuses unknown visitor tokens with a 401 already at negotiate/connect, before a connection exists
    /// (a hub can only refuse after the transport is up). Preflight requests pass to CORS.
    /// </summary>
    public static IApplicationBuilder UseWidgetHubGate(IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Route) && !HttpMethods.IsOptions(c.Request.Method), branch => branch.Use(async (context, next) =>
        {
            try
            {
                var visitors = context.RequestServices.GetRequiredService<WebChatVisitors>();
                await visitors.AuthenticateAsync(TokenOf(context.Request), context.RequestAborted);
            }
            catch (UnauthorizedException ex)
            {
                await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: ex.Message).ExecuteAsync(context);
                return;
            }

            await next(context);
        }));

    private async Task JoinContactAsync(AuthenticatedVisitor session)
    {
        if (await visitors.ContactOfAsync(session.Visitor, Context.ConnectionAborted) is { } contactId)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(contactId));
        }
    }

    private async Task<AuthenticatedVisitor> SessionAsync()
    {
        try
        {
            return await visitors.AuthenticateAsync(Context.Items[TokenKey] as string, Context.ConnectionAborted);
        }
        catch (ProblemException ex)
        {
            throw new HubException(ex.Message);
        }
    }
}

/// <summary>
/// Turns committed inbox events of web-chat conversations into widget signals for the visitor's
/// contact group: "changed" for messages, "typing" for an agent's typing presence. Only a signal
/// travels; the widget re-reads through the visitor API, which never returns notes or activity.
/// </summary>
public sealed class WidgetHubBridge(InboxFeed feed, IHubContext<WidgetHub> hub, IServiceScopeFactory scopes, IMemoryCache cache, ILogger<WidgetHubBridge> logger)
    : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(e =>
        {
            if (e.ConversationId != Guid.Empty && e.Kind is InboxEventKind.MessageCreated or InboxEventKind.MessageUpdated or InboxEventKind.ConversationPresence)
            {
                _ = ForwardAsync(e);
            }
        });
        return Task.CompletedTask;
    }

    private async Task ForwardAsync(InboxEvent e)
    {
        try
        {
            if (await WebChatContactOfAsync(e.ConversationId) is not { } contactId)
            {
                return;
            }

            var group = hub.Clients.Group(WidgetHub.GroupOf(contactId));
            if (e.Kind != InboxEventKind.ConversationPresence)
            {
                await group.SendAsync("changed");
            }
            else if (e.UserId != contactId && e.Detail?.Split('|', 2) is [var activity, var name])
            {
                // The visitor's own typing comes back as presence too: only agents' typing goes to the widget.
                await group.SendAsync("typing", new { typing = activity == nameof(WatchActivity.Typing), name = name.Split(' ')[0] });
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not forward an event to the web-chat widget");
        }
    }

    /// <summary>The contact of a web-chat conversation (null for other channels), cached briefly: events come in bursts.</summary>
    private async Task<Guid?> WebChatContactOfAsync(Guid conversationId)
    {
        return await cache.GetOrCreateAsync("webchat-conversation:" + conversationId, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            return await db.Conversations.Where(c => c.Id == conversationId && db.Inboxes.Any(i => i.Id == c.InboxId && i.Channel == ChannelType.WebChat))
                .Select(c => (Guid?)c.ContactId).FirstOrDefaultAsync();
        });
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
