using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Api;

public sealed class InboxHubTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ClientsReceiveEventsOfTheirInboxesOnly()
    {
        var mine = await fixture.CreateInboxAsync();
        var other = await fixture.CreateInboxAsync();
        var (agentId, agentClient) = await fixture.CreateUserAsync("agent");
        await fixture.SetMembersAsync(mine.Id, agentId);
        var token = agentClient.DefaultRequestHeaders.Authorization!.Parameter!;

        var received = new ConcurrentQueue<JsonElement>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.App.Server.BaseAddress, "hubs/inbox"), options =>
            {
                options.HttpMessageHandlerFactory = _ => fixture.App.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        connection.On<JsonElement>("inboxEvent", e => received.Enqueue(e));
        await connection.StartAsync();

        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(other.PhoneNumberId, "5511900002222", "Outro", WhatsAppPayloads.NewWamid(), "não é seu"), other.AppSecret);
        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(mine.PhoneNumberId, "5511900003333", "Seu", WhatsAppPayloads.NewWamid(), "é seu"), mine.AppSecret);

        await AppFixture.EventuallyAsync(
            () => Task.FromResult(received.Count(e => e.GetProperty("kind").GetString() == "messageCreated")),
            n => n >= 1, "a MessageCreated event for the agent's inbox");
        await Task.Delay(500);
        Assert.All(received, e => Assert.Equal(mine.Id, e.GetProperty("inboxId").GetGuid()));
    }

    [Fact]
    public async Task AnonymousClientsCannotConnect()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.App.Server.BaseAddress, "hubs/inbox"), options =>
            {
                options.HttpMessageHandlerFactory = _ => fixture.App.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);

        // A script is answered 401, never redirected to the login page (nor a 500 from a second challenge).
        using var anonymous = fixture.App.CreateClient(new() { AllowAutoRedirect = false });
        var negotiate = await anonymous.PostAsync("/hubs/inbox/negotiate?negotiateVersion=1", null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }
}
