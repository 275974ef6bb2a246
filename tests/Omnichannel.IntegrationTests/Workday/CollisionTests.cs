using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.IntegrationTests.Infrastructure;
using Omnichannel.Realtime;

namespace Omnichannel.IntegrationTests.Workday;

/// <summary>Who is viewing or typing: reported through the hub, visible to the other agents of the inbox only.</summary>
public sealed class CollisionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private HubConnection Connect(HttpClient apiClient) => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.App.Server.BaseAddress, "hubs/inbox"), options =>
        {
            options.HttpMessageHandlerFactory = _ => fixture.App.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            options.AccessTokenProvider = () => Task.FromResult<string?>(apiClient.DefaultRequestHeaders.Authorization!.Parameter);
        })
        .Build();

    [Fact]
    public async Task TypingInAConversationIsSeenByOtherMembersAndExpires()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (ana, anaClient) = await fixture.CreateUserAsync("agent", "Ana");
        var (bruno, brunoClient) = await fixture.CreateUserAsync("agent", "Bruno");
        await fixture.SetMembersAsync(inbox.Id, ana, bruno);
        await using var anaHub = Connect(anaClient);
        await using var brunoHub = Connect(brunoClient);
        var brunoSaw = new ConcurrentQueue<JsonElement>();
        brunoHub.On<JsonElement>("inboxEvent", e => brunoSaw.Enqueue(e));
        await anaHub.StartAsync();
        await brunoHub.StartAsync();

        await anaHub.InvokeAsync("Watch", conversationId, WatchActivity.Typing);

        await AppFixture.EventuallyAsync(
            () => Task.FromResult(brunoSaw.Any(e => e.GetProperty("kind").GetString() == "conversationPresence" && e.GetProperty("userId").GetGuid() == ana)),
            seen => seen, "Bruno's client to hear that Ana is typing");
        var watchers = fixture.App.Services.GetRequiredService<ConversationWatchers>();
        var typist = Assert.Single(watchers.Of(conversationId, exceptUserId: bruno));
        Assert.Equal(("Ana", true), (typist.Name, typist.Typing));

        await anaHub.InvokeAsync("Watch", conversationId, WatchActivity.Left);
        await AppFixture.EventuallyAsync(() => Task.FromResult(watchers.Of(conversationId).Count), n => n == 0, "Ana to leave");
    }

    [Fact]
    public async Task OutsidersCannotReportOnAConversation()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (_, outsider) = await fixture.CreateUserAsync("agent", "Fora");
        await using var hub = Connect(outsider);
        await hub.StartAsync();

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Watch", conversationId, WatchActivity.Viewing));
        Assert.Empty(fixture.App.Services.GetRequiredService<ConversationWatchers>().Of(conversationId));
    }
}
