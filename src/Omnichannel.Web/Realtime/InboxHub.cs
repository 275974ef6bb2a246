using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;
using Omnichannel.Realtime;
using Omnichannel.Web.Auth;

namespace Omnichannel.Web.Realtime;

/// <summary>
/// Live inbox events for API clients (the Blazor inbox subscribes to <see cref="InboxFeed"/> directly).
/// On connect a user joins one group per inbox they may see; events go only to those groups.
/// Clients receive <c>inboxEvent</c> with {kind: messageCreated|messageUpdated|conversationUpdated|resync,
/// inboxId, conversationId, messageId} and re-read what changed via the API.
/// </summary>
[Authorize(Policy = AccountServices.HubPolicy)]
public sealed class InboxHub(OmnichannelDb db, ConversationWatchers watchers) : Hub
{
    public const string Route = "/hubs/inbox";
    public const string AllInboxesGroup = "all-inboxes";

    public static string GroupOf(Guid inboxId) => $"inbox:{inboxId}";

    public static string UserGroup(Guid userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        var actor = UserClaims.ActorOf(Context.User!) ?? throw new HubException("Not signed in.");
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(actor.UserId));
        if (actor.SeesAllInboxes)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AllInboxesGroup);
        }
        else
        {
            var inboxIds = await db.InboxMembers.Where(m => m.UserId == actor.UserId).Select(m => m.InboxId).ToListAsync();
            foreach (var inboxId in inboxIds)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(inboxId));
            }
        }

        await base.OnConnectedAsync();
    }

    /// <summary>Tells other agents this client is looking at (or typing in, or has left) a conversation.</summary>
    public async Task Watch(Guid conversationId, WatchActivity activity)
    {
        var actor = UserClaims.ActorOf(Context.User!) ?? throw new HubException("Not signed in.");
        var conversation = await db.Conversations.Where(c => c.Id == conversationId).Select(c => new { c.InboxId }).FirstOrDefaultAsync();
        var allowed = conversation is not null
            && (actor.SeesAllInboxes || await db.InboxMembers.AnyAsync(m => m.InboxId == conversation.InboxId && m.UserId == actor.UserId));
        if (!allowed)
        {
            throw new HubException("Conversation not found.");
        }

        await watchers.ReportAsync(conversation!.InboxId, conversationId, actor.UserId, actor.Name, activity, Context.ConnectionAborted);
    }
}

/// <summary>Forwards every committed inbox event to the hub groups allowed to see it.</summary>
/// <remarks>Also the first to resolve <see cref="ConversationWatchers"/>, so it follows presence from start-up.</remarks>
public sealed class InboxHubBridge(InboxFeed feed, IHubContext<InboxHub> hub, ConversationWatchers watchers) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = watchers;
        _subscription = feed.Subscribe(e =>
        {
            var clients = e switch
            {
                { Kind: InboxEventKind.Resync or InboxEventKind.AgentAvailability } => hub.Clients.All,
                { Kind: InboxEventKind.NotificationCreated, UserId: { } userId } => hub.Clients.Group(InboxHub.UserGroup(userId)),
                _ => hub.Clients.Groups(InboxHub.AllInboxesGroup, InboxHub.GroupOf(e.InboxId)),
            };
            _ = clients.SendAsync("inboxEvent", e);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}

public static class RealtimeServices
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options =>
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddHostedService<InboxHubBridge>();
        services.AddSingleton<AppInstance>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, AgentCircuits>();
        services.AddHostedService<PresenceHeartbeat>();
        return services;
    }
}
