using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>A dropped connection is shown, and the page catches up without a reload when it is back.</summary>
public sealed class ReconnectTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task AfterADroppedConnectionTheInboxShowsItAndCatchesUpWithoutAReload()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        var phone = BrowserAppFixture.NewPhone();
        await fixture.CustomerWritesAsync(inbox, phone, "Cliente Paciente", "Primeira mensagem");

        // Route Blazor's WebSocket through Playwright so the test can cut it like a network drop would.
        var context = await fixture.NewContextAsync();
        var sockets = new List<IWebSocketRoute>();
        await context.RouteWebSocketAsync(new Regex("/_blazor"), socket =>
        {
            lock (sockets)
            {
                sockets.Add(socket);
            }

            socket.ConnectToServer();
        });
        await using var page = new AgentPage(await context.NewPageAsync(), agent);
        await page.SignInAsync();
        await page.OpenAsync("Cliente Paciente");
        await page.Page.EvaluateAsync("() => window.sameDocument = true");

        // Offline first, so that Blazor's reconnection attempts fail until the network is back.
        await context.SetOfflineAsync(true);
        IWebSocketRoute[] open;
        lock (sockets)
        {
            open = [.. sockets];
        }

        foreach (var socket in open)
        {
            await socket.CloseAsync();
        }

        await Expect(page.ReconnectBanner).ToBeVisibleAsync();
        await Expect(page.ReconnectBanner).ToContainTextAsync("Conexão perdida");
        await page.ScreenshotAsync("reconnect-1-connection-lost");

        // While the browser is away a message arrives in the open conversation, and a new conversation starts.
        await fixture.CustomerWritesAsync(inbox, phone, "Cliente Paciente", "Mensagem enquanto você estava offline");
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Cliente Novo", "Outra conversa chegou");
        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"),
            p => p["items"]!.AsArray().Count == 2
                && p["items"]!.AsArray().Any(c => c!["lastMessage"]?["text"]?.GetValue<string>() == "Mensagem enquanto você estava offline"),
            "both changes to be committed while the browser is offline");
        await Expect(page.ReconnectBanner).ToBeVisibleAsync();

        await context.SetOfflineAsync(false);
        await Expect(page.ReconnectBanner).ToBeHiddenAsync();
        await Expect(page.MessageWithText("Mensagem enquanto você estava offline")).ToBeVisibleAsync();
        await Expect(page.RowOf("Cliente Novo")).ToBeVisibleAsync();
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        await page.ScreenshotAsync("reconnect-2-caught-up");
    }
}
