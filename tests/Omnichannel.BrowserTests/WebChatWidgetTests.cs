using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>A visitor on the demo shop page chats with an agent in the inbox, each in their own browser.</summary>
public sealed class WebChatWidgetTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task AVisitorAndAnAgentChatLiveBothWaysAndTheHistorySurvivesAReload()
    {
        var ana = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture, new { siteName = "Loja Demo", greeting = "Olá! Como podemos ajudar?", language = "pt-BR", color = "#7C3AED" }, ana.Id);
        await using var agent = await fixture.SignInAsync(ana);
        var visitor = await (await fixture.NewContextAsync()).NewPageAsync();
        await visitor.GotoAsync($"/widget-demo?inbox={inbox.PublicToken}");

        // The bubble opens the panel with the greeting, in the inbox's language.
        await visitor.GetByTestId("omni-bubble").ClickAsync();
        await Expect(visitor.GetByTestId("omni-greeting")).ToHaveTextAsync("Olá! Como podemos ajudar?");
        await Expect(visitor.GetByTestId("omni-status")).ToHaveTextAsync("Estamos online");
        await Expect(visitor.Locator("#omnichannel-widget[data-live=true]")).ToHaveCountAsync(1);

        // Customer text is shown as text, never as markup.
        const string First = "Oi! Vocês entregam no sábado? <b>urgente</b>";
        await visitor.GetByTestId("omni-input").FillAsync(First);
        await visitor.GetByTestId("omni-input").PressAsync("Enter");
        await Expect(VisitorMessage(visitor, "visitor", First)).ToBeVisibleAsync();

        // The agent sees the new web-chat conversation live and opens it.
        await agent.OpenAsync("Visitante");
        await Expect(agent.MessageWithText(First)).ToHaveAttributeAsync("data-direction", "incoming");
        await Expect(agent.Page.Locator("b", new() { HasText = "urgente" })).ToHaveCountAsync(0);
        // An anonymous visitor's internal id is not shown as if it were the customer's.
        await Expect(agent.Page.GetByTestId("contact-panel").GetByTestId("contact-identity")).ToHaveTextAsync("Visitante anônimo do chat do site");

        // Visitor typing shows in the agent's conversation; the agent's typing shows in the widget.
        await visitor.GetByTestId("omni-input").PressSequentiallyAsync("Mais uma");
        await Expect(agent.Page.GetByTestId("collision")).ToContainTextAsync("Visitante está digitando…");
        await agent.ReplyInput.PressSequentiallyAsync("Entregamos");
        await Expect(visitor.GetByTestId("omni-typing")).ToHaveTextAsync("Ana está digitando…");
        await Screenshot(visitor, "webchat-1-visitor-sees-agent-typing");

        // The agent answers: the visitor sees it live, and the agent's ticks show it reached the visitor.
        await agent.ReplyInput.FillAsync("");
        const string Reply = "Entregamos sim, das 8h às 14h!";
        await agent.ReplyAsync(Reply);
        await Expect(VisitorMessage(visitor, "agent", Reply)).ToBeVisibleAsync();
        // Her message ends "typing" at once (not when the 7-second fallback runs out).
        await Expect(visitor.GetByTestId("omni-typing")).ToHaveTextAsync("", new() { Timeout = 2_000 });
        await Expect(agent.DeliveryStatusOf(Reply)).ToHaveAttributeAsync("data-status", "read");
        await agent.ScreenshotAsync("webchat-2-agent-conversation");

        // The visitor sends the follow-up; the agent sees it live.
        await visitor.GetByTestId("omni-input").FillAsync("Perfeito, obrigado!");
        await visitor.GetByTestId("omni-send").ClickAsync();
        await Expect(agent.MessageWithText("Perfeito, obrigado!")).ToBeVisibleAsync();

        // A reload keeps the visitor (token in localStorage) and the conversation, with the panel still open.
        await visitor.ReloadAsync();
        await Expect(visitor.GetByTestId("omni-panel")).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("omni-message")).ToHaveCountAsync(3);
        await Expect(VisitorMessage(visitor, "agent", Reply)).ToBeVisibleAsync();
        await Expect(VisitorMessage(visitor, "visitor", First)).ToBeVisibleAsync();
        await Screenshot(visitor, "webchat-3-visitor-after-reload");

        // Still live after the reload.
        await agent.ReplyAsync("Qualquer coisa, é só chamar.");
        await Expect(VisitorMessage(visitor, "agent", "Qualquer coisa, é só chamar.")).ToBeVisibleAsync();
        Assert.Single(await Conversations(inbox), c => c!["contact"]!["name"]!.GetValue<string>() == "Visitante");
        await visitor.Context.CloseAsync();
    }

    [Fact]
    public async Task ASecondVisitorCannotSeeTheFirstOnesMessagesEvenWhenTamperingWithIds()
    {
        var bruno = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture, new { siteName = "Loja Demo", language = "en" }, bruno.Id);
        var first = await (await fixture.NewContextAsync("en-US")).NewPageAsync();
        await first.GotoAsync($"/widget-demo?inbox={inbox.PublicToken}");
        await first.GetByTestId("omni-bubble").ClickAsync();
        await first.GetByTestId("omni-input").FillAsync("My card number is 4111 secret");
        await first.GetByTestId("omni-input").PressAsync("Enter");
        await Expect(VisitorMessage(first, "visitor", "My card number is 4111 secret")).ToBeVisibleAsync();
        var conversation = (await AppFixture.EventuallyAsync(() => Conversations(inbox), c => c.Count == 1, "the first visitor's conversation"))[0]!;
        var conversationId = conversation["id"]!.GetValue<string>();
        var contactId = conversation["contact"]!["id"]!.GetValue<string>();

        var second = await (await fixture.NewContextAsync("en-US")).NewPageAsync();
        await second.GotoAsync($"/widget-demo?inbox={inbox.PublicToken}");
        await second.GetByTestId("omni-bubble").ClickAsync();
        await Expect(second.Locator("#omnichannel-widget[data-live=true]")).ToHaveCountAsync(1);
        await second.GetByTestId("omni-input").FillAsync("hello from visitor two");
        await second.GetByTestId("omni-input").PressAsync("Enter");
        await Expect(VisitorMessage(second, "visitor", "hello from visitor two")).ToBeVisibleAsync();

        // From the page, the second visitor tries the first one's ids on the API and the hub.
        var probe = JsonNode.Parse(await second.EvaluateAsync<string>(
            """
            async ([inboxToken, conversationId, contactId]) => {
              const token = localStorage.getItem(`omnichannel:${inboxToken}:visitor`);
              const get = async (url, headers) => { const r = await fetch(url, { headers }); return { status: r.status, body: await r.text() }; };
              const result = {};
              result.byConversation = await get(`/widget/v1/messages?conversationId=${conversationId}`, { 'X-Visitor-Token': token });
              result.byContact = await get(`/widget/v1/messages?contactId=${contactId}`, { 'X-Visitor-Token': token });
              result.idAsToken = await get('/widget/v1/messages', { 'X-Visitor-Token': conversationId });
              result.noToken = await get(`/widget/v1/messages?conversationId=${conversationId}`, {});
              const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/widget', { accessTokenFactory: () => token }).build();
              await connection.start();
              try { await connection.invoke('Join', conversationId); result.join = 'accepted'; } catch (e) { result.join = 'refused'; }
              const forged = new signalR.HubConnectionBuilder().withUrl('/hubs/widget', { accessTokenFactory: () => conversationId }).build();
              try { await forged.start(); result.forged = 'connected'; } catch (e) { result.forged = 'refused'; }
              await connection.stop();
              return JSON.stringify(result);
            }
            """,
            new[] { inbox.PublicToken, conversationId, contactId }))!.AsObject();
        Assert.Equal(200, probe["byConversation"]!["status"]!.GetValue<int>());
        Assert.DoesNotContain("4111", probe["byConversation"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("hello from visitor two", probe["byConversation"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("4111", probe["byContact"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(401, probe["idAsToken"]!["status"]!.GetValue<int>());
        Assert.Equal(401, probe["noToken"]!["status"]!.GetValue<int>());
        Assert.Equal("refused", probe["join"]!.GetValue<string>());
        Assert.Equal("refused", probe["forged"]!.GetValue<string>());

        // The agent answers the first visitor: only the first widget shows it.
        await using var agent = await fixture.SignInAsync(bruno, "en-US");
        await agent.Page.GotoAsync($"/conversations/{conversationId}");
        await agent.ReplyAsync("Please never send card numbers here.");
        await Expect(VisitorMessage(first, "agent", "Please never send card numbers here.")).ToBeVisibleAsync();
        await second.WaitForTimeoutAsync(1000);
        await Expect(second.GetByText("Please never send card numbers here.")).ToHaveCountAsync(0);
        await Expect(second.GetByText("My card number is 4111 secret")).ToHaveCountAsync(0);
        await Screenshot(second, "webchat-4-second-visitor-sees-only-own");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    /// <summary>
    /// A message the server has: the widget shows a visitor's message at once, greyed (.pending), and
    /// only drops the class when the POST answered, so a step that reads the server must not stop at the grey copy.
    /// </summary>
    private static ILocator VisitorMessage(IPage page, string from, string text) =>
        page.Locator($"[data-testid=omni-message][data-from={from}]:not(.pending)").Filter(new() { HasText = text });

    private async Task<JsonArray> Conversations(TestWebChat inbox) =>
        (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}&status="))["items"]!.AsArray();

    private static async Task Screenshot(IPage page, string name)
    {
        var directory = Path.Combine(TestDatabase.RepositoryRoot(), "tests", "Omnichannel.BrowserTests", "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }
}
