using System.Diagnostics;
using System.Text.Json.Nodes;
using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>Two agents working the same WhatsApp inbox in their own browsers, seeing each other's work live.</summary>
public sealed class LiveInboxTests(BrowserAppFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task TwoAgentsSeeACustomerMessageAndEachOthersReplyLive()
    {
        var ana = await fixture.CreateAgentAsync("Ana Souza");
        var bruno = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await fixture.CreateInboxWithMembersAsync(ana, bruno);
        await using var anaPage = await fixture.SignInAsync(ana);
        await using var brunoPage = await fixture.SignInAsync(bruno);
        await Expect(anaPage.Page.GetByTestId("conversation-list-empty")).ToBeVisibleAsync();
        await Expect(brunoPage.Page.GetByTestId("conversation-list-empty")).ToBeVisibleAsync();

        // A customer writes: both agents see the conversation appear, unread, without reloading.
        var phone = BrowserAppFixture.NewPhone();
        var arrival = Stopwatch.StartNew();
        await fixture.CustomerWritesAsync(inbox, phone, "Mariana Lopes", "Oi! Meu pedido 48213 ainda não chegou 😟");
        foreach (var agent in new[] { anaPage, brunoPage })
        {
            var row = agent.RowOf("Mariana Lopes");
            await Expect(row).ToBeVisibleAsync();
            await Expect(row.GetByTestId("conversation-preview")).ToHaveTextAsync("Oi! Meu pedido 48213 ainda não chegou 😟");
            await Expect(row.GetByTestId("unread-count")).ToHaveTextAsync("1");
        }

        output.WriteLine($"Customer message visible to both agents after {arrival.ElapsedMilliseconds} ms");
        await anaPage.ScreenshotAsync("live-1-ana-new-conversation");

        // Ana opens it (which marks it read), Bruno opens it too and watches.
        await anaPage.OpenAsync("Mariana Lopes");
        await Expect(anaPage.MessageWithText("Oi! Meu pedido 48213 ainda não chegou 😟")).ToHaveAttributeAsync("data-direction", "incoming");
        await Expect(anaPage.RowOf("Mariana Lopes").GetByTestId("unread-count")).ToHaveCountAsync(0);
        await brunoPage.OpenAsync("Mariana Lopes");

        // Ana answers with Enter: exactly one send reaches WhatsApp and her message turns "sent".
        const string Reply = "Olá Mariana! Já estou verificando o seu pedido.";
        await anaPage.ReplyAsync(Reply);
        await Expect(anaPage.DeliveryStatusOf(Reply)).ToHaveAttributeAsync("data-status", "sent");
        var send = Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(phone, StringComparison.Ordinal));
        Assert.Equal(Reply, JsonNode.Parse(send.Body)!["text"]!["body"]!.GetValue<string>());

        // Bruno sees Ana's reply live, and WhatsApp's receipt turns the ticks to delivered for both.
        await Expect(brunoPage.MessageWithText(Reply)).ToBeVisibleAsync();
        var receipt = Stopwatch.StartNew();
        await fixture.ReceiptAsync(inbox, send.Wamid, "delivered");
        await Expect(anaPage.DeliveryStatusOf(Reply)).ToHaveAttributeAsync("data-status", "delivered");
        output.WriteLine($"Delivered tick shown after {receipt.ElapsedMilliseconds} ms");
        await Expect(brunoPage.DeliveryStatusOf(Reply)).ToHaveAttributeAsync("data-status", "delivered");
        await anaPage.ScreenshotAsync("live-2-ana-reply-delivered");
        await brunoPage.ScreenshotAsync("live-3-bruno-sees-reply");

        // Assignment and status changes travel too: Ana takes it, Bruno resolves it.
        await anaPage.Page.GetByTestId("assign-to-me").ClickAsync();
        await Expect(brunoPage.Page.GetByTestId("assignee")).ToContainTextAsync("Ana Souza");
        await brunoPage.Page.GetByTestId("resolve").ClickAsync();
        await Expect(anaPage.Conversation.GetByTestId("status-chip")).ToHaveAttributeAsync("data-status", "resolved");
        await Expect(anaPage.Page.GetByTestId("reopen")).ToBeVisibleAsync();

        // Live updates render in the agent's language, not the server thread's.
        await Expect(anaPage.Conversation.GetByTestId("status-chip")).ToHaveTextAsync("Resolvida");
        await Expect(anaPage.Page.GetByTestId("reopen")).ToHaveTextAsync("Reabrir");
        await anaPage.ScreenshotAsync("live-4-ana-after-bruno-resolved");

        Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AgentsSeeWhoElseIsViewingOrTypingInAConversation()
    {
        var ana = await fixture.CreateAgentAsync("Ana Souza");
        var bruno = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await fixture.CreateInboxWithMembersAsync(ana, bruno);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Paula Reis", "Vocês trocam produtos usados?");
        await using var anaPage = await fixture.SignInAsync(ana);
        await using var brunoPage = await fixture.SignInAsync(bruno);
        await anaPage.OpenAsync("Paula Reis");
        await Expect(anaPage.Page.GetByTestId("collision")).ToHaveCountAsync(0);

        // Bruno opens it too: each sees the other.
        await brunoPage.OpenAsync("Paula Reis");
        var anaSees = anaPage.Page.GetByTestId("collision");
        await Expect(anaSees).ToHaveAttributeAsync("data-state", "viewing");
        await Expect(anaSees).ToContainTextAsync("Bruno Lima também está vendo esta conversa");
        await Expect(brunoPage.Page.GetByTestId("collision")).ToContainTextAsync("Ana Souza também está vendo esta conversa");

        // Bruno types: Ana sees it while he does.
        await brunoPage.ReplyInput.PressSequentiallyAsync("Oi Paula, trocamos sim");
        await Expect(anaSees).ToHaveAttributeAsync("data-state", "typing");
        await Expect(anaSees).ToContainTextAsync("Bruno Lima está digitando…");
        await anaPage.ScreenshotAsync("collision-typing");

        // He stops: "typing" fades back to "viewing" by itself (typing reports expire).
        await Expect(anaSees).ToHaveAttributeAsync("data-state", "viewing");

        // Bruno goes back to the list: the notice goes away for Ana.
        await brunoPage.Page.Locator("a.brand").ClickAsync();
        await Expect(brunoPage.Page.GetByTestId("no-conversation-selected")).ToBeVisibleAsync();
        await Expect(anaSees).ToHaveCountAsync(0);
    }
}
