using System.Text.Json.Nodes;
using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>The conversation list: only the inboxes an agent belongs to, paging, and the agent's language.</summary>
public sealed class ConversationListTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task AnAgentOutsideTheInboxNeitherSeesTheConversationNorOpensItsLink()
    {
        var member = await fixture.CreateAgentAsync("Ana Souza");
        var outsider = await fixture.CreateAgentAsync("Otto Fora");
        var inbox = await fixture.CreateInboxWithMembersAsync(member);
        await fixture.CreateInboxWithMembersAsync(outsider);
        await using var memberPage = await fixture.SignInAsync(member);
        await using var outsiderPage = await fixture.SignInAsync(outsider);

        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Cliente Secreto", "Mensagem só para a equipe certa");

        // Once the member sees it live, the outsider's screen has had every chance to show it too.
        await Expect(memberPage.RowOf("Cliente Secreto")).ToBeVisibleAsync();
        await Expect(outsiderPage.Page.GetByTestId("conversation-list-empty")).ToBeVisibleAsync();
        await Expect(outsiderPage.ConversationRows).ToHaveCountAsync(0);

        var conversationId = await ConversationIdAsync(inbox);
        await outsiderPage.Page.GotoAsync($"/conversations/{conversationId}");
        await Expect(outsiderPage.Page.GetByTestId("conversation-not-found")).ToBeVisibleAsync();
        await Expect(outsiderPage.Page.GetByText("Mensagem só para a equipe certa")).ToHaveCountAsync(0);
        await outsiderPage.ScreenshotAsync("list-outsider-not-found");

        // The member's deep link opens it.
        await memberPage.Page.GotoAsync($"/conversations/{conversationId}");
        await Expect(memberPage.MessageWithText("Mensagem só para a equipe certa")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheListShowsTheNewestConversationsAndLoadsOlderOnesOnDemand()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        await Task.WhenAll(Enumerable.Range(1, 27).Select(i => fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), $"Cliente {i:00}", $"Mensagem {i}")));
        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}&limit=100"),
            p => p["items"]!.AsArray().Count == 27,
            "all 27 conversations to exist");

        await using var page = await fixture.SignInAsync(agent);
        await Expect(page.ConversationRows).ToHaveCountAsync(25);
        await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Carregar mais" }).ClickAsync();

        await Expect(page.ConversationRows).ToHaveCountAsync(27);
        await Expect(page.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Carregar mais" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheLanguageSwitchChangesTheInterfaceBetweenPortugueseAndEnglish()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        await fixture.CreateInboxWithMembersAsync(agent);
        await using var page = await fixture.SignInAsync(agent, locale: "pt-BR");
        var title = page.Page.Locator(".list-title");
        await Expect(title).ToHaveTextAsync("Conversas");
        await Expect(page.Page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Minhas" })).ToBeVisibleAsync();

        await page.Page.GetByTestId("language-menu").ClickAsync();
        await page.Page.GetByText("English", new() { Exact = true }).ClickAsync();

        await Expect(title).ToHaveTextAsync("Conversations");
        await Expect(page.Page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Mine" })).ToBeVisibleAsync();
        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ScreenshotAsync("list-english");

        await page.Page.GetByTestId("language-menu").ClickAsync();
        await page.Page.GetByText("Português (Brasil)", new() { Exact = true }).ClickAsync();
        await Expect(title).ToHaveTextAsync("Conversas");
        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "pt-BR");
    }

    private async Task<Guid> ConversationIdAsync(TestInbox inbox)
    {
        var page = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"),
            p => p["items"]!.AsArray().Count == 1,
            "the conversation to exist");
        return Guid.Parse(page["items"]![0]!["id"]!.GetValue<string>());
    }
}
