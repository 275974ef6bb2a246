using System.Net.Http.Json;
using Omnichannel.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>The composer's helpers: canned responses on "/", mentions on "@" reaching a teammate, and inboxes where only the assignee answers.</summary>
public sealed class ComposerTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task ASlashShortcutInsertsACannedResponseWithItsPlaceholdersFilled()
    {
        var greeting = await fixture.CreateCannedResponseAsync("saudacao", "Olá {{contact.name}}, aqui é {{agent.name}}. Como posso ajudar?");
        await fixture.CreateCannedResponseAsync("prazo", "O prazo de entrega é de 5 dias úteis.");
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Mariana Lopes", "Oi, tudo bem?");
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Mariana Lopes");

        // "/" and the start of the short code: the matching response, filled in for this customer and agent.
        var popup = page.Page.GetByTestId("canned-popup");
        await page.ReplyInput.PressSequentiallyAsync("/" + greeting);
        await Expect(popup.GetByTestId("suggestion")).ToHaveCountAsync(1);
        await Expect(popup.GetByTestId("suggestion")).ToContainTextAsync("Olá Mariana Lopes, aqui é Ana Souza. Como posso ajudar?");
        await page.ScreenshotAsync("composer-canned-popup");

        // Enter inserts it (and does not send); the next Enter sends it.
        await page.ReplyInput.PressAsync("Enter");
        await Expect(popup).ToHaveCountAsync(0);
        await Expect(page.ReplyInput).ToHaveValueAsync("Olá Mariana Lopes, aqui é Ana Souza. Como posso ajudar?");
        await page.ReplyInput.PressAsync("Enter");
        await Expect(page.MessageWithText("Olá Mariana Lopes, aqui é Ana Souza. Como posso ajudar?")).ToHaveAttributeAsync("data-direction", "outgoing");
        await Expect(page.ReplyInput).ToHaveValueAsync("");

        // "/" alone lists several: arrows move the choice, Tab inserts, Esc closes and keeps what was typed.
        await page.ReplyInput.PressSequentiallyAsync("/");
        await Expect(popup).ToBeVisibleAsync();
        var suggestions = popup.GetByTestId("suggestion");
        await Expect(suggestions.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await page.ReplyInput.PressAsync("ArrowDown");
        await Expect(suggestions.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await page.ReplyInput.PressAsync("ArrowUp");
        await Expect(suggestions.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await page.ReplyInput.PressAsync("Escape");
        await Expect(popup).ToHaveCountAsync(0);
        await Expect(page.ReplyInput).ToHaveValueAsync("/");
        await Expect(page.ReplyInput).ToBeFocusedAsync();
    }

    [Fact]
    public async Task AnAtMentionInANoteReachesTheOtherAgentsNotificationCentreLive()
    {
        var ana = await fixture.CreateAgentAsync("Ana Souza");
        var bruno = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await fixture.CreateInboxWithMembersAsync(ana, bruno);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Pedro Almeida", "Recebi o produto com defeito");
        await using var anaPage = await fixture.SignInAsync(ana);
        await using var brunoPage = await fixture.SignInAsync(bruno);
        await Expect(brunoPage.Page.GetByTestId("notification-bell")).ToBeVisibleAsync();
        await Expect(brunoPage.Page.GetByTestId("notification-count")).ToHaveCountAsync(0);

        // Ana writes a note and picks Bruno from the "@" list.
        await anaPage.OpenAsync("Pedro Almeida");
        await anaPage.Page.GetByTestId("mode-note").ClickAsync();
        await anaPage.ReplyInput.PressSequentiallyAsync("Pode trocar este pedido @Bru");
        var popup = anaPage.Page.GetByTestId("mention-popup");
        await Expect(popup.GetByTestId("suggestion")).ToHaveCountAsync(1);
        await Expect(popup.GetByTestId("suggestion")).ToContainTextAsync("Bruno Lima");
        await anaPage.ScreenshotAsync("composer-mention-popup");
        await anaPage.ReplyInput.PressAsync("Enter");
        await Expect(anaPage.ReplyInput).ToHaveValueAsync("Pode trocar este pedido @Bruno Lima ");
        await anaPage.ReplyInput.PressSequentiallyAsync("por favor?");
        await anaPage.ReplyInput.PressAsync("Enter");

        // The note shows the mention highlighted, as text.
        var note = anaPage.MessageWithText("Pode trocar este pedido @Bruno Lima por favor?");
        await Expect(note).ToHaveAttributeAsync("data-kind", "note");
        await Expect(note.GetByTestId("mention")).ToHaveTextAsync("@Bruno Lima");

        // Bruno's bell counts it without a reload; the centre says who and what, and opens the conversation.
        await Expect(brunoPage.Page.GetByTestId("notification-count")).ToHaveTextAsync("1");
        await brunoPage.Page.GetByTestId("notification-bell").ClickAsync();
        var item = brunoPage.Page.GetByTestId("notification").First;
        await Expect(item).ToHaveAttributeAsync("data-kind", "mention");
        await Expect(item.GetByTestId("notification-headline")).ToHaveTextAsync("Ana Souza mencionou você em uma nota");
        await Expect(item.GetByTestId("notification-snippet")).ToHaveTextAsync("Pode trocar este pedido @Bruno Lima por favor?");
        await Expect(brunoPage.Page.GetByTestId("enable-desktop-notifications")).ToBeVisibleAsync();
        await brunoPage.ScreenshotAsync("notifications-mention");

        await item.ClickAsync();
        await Expect(brunoPage.Page.GetByTestId("conversation-title")).ToHaveTextAsync("Pedro Almeida");
        await Expect(brunoPage.Page.GetByTestId("notification-count")).ToHaveCountAsync(0);
        await Expect(brunoPage.MessageWithText("Pode trocar este pedido @Bruno Lima por favor?").GetByTestId("mention")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mention-me"));
    }

    [Fact]
    public async Task WhereOnlyTheAssigneeRepliesOthersAreToldAndCanStillWriteNotes()
    {
        var ana = await fixture.CreateAgentAsync("Ana Souza");
        var bruno = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await fixture.CreateInboxWithMembersAsync(ana, bruno);
        (await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { onlyAssigneeReplies = true })).EnsureSuccessStatusCode();
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Lucia Ramos", "Quero cancelar");
        var conversationId = await fixture.ConversationIdAsync(inbox);
        (await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { assigneeId = bruno.Id })).EnsureSuccessStatusCode();

        await using var page = await fixture.SignInAsync(ana);
        await page.OpenAsync("Lucia Ramos");
        var notice = page.Page.GetByTestId("reply-restricted");
        await Expect(notice).ToContainTextAsync("só Bruno Lima, o responsável, pode responder");
        await page.ReplyInput.FillAsync("Posso ajudar?");
        await Expect(page.Page.GetByTestId("send")).ToBeDisabledAsync();
        await page.ReplyInput.PressAsync("Enter");
        await Expect(page.Page.Locator(".mud-snackbar")).ToContainTextAsync("só o responsável pode responder ao cliente");
        await page.ScreenshotAsync("composer-only-assignee");

        // A private note is still possible.
        await notice.GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await Expect(page.Page.GetByTestId("reply-box")).ToHaveAttributeAsync("data-mode", "note");
        await Expect(notice).ToHaveCountAsync(0);
        await page.ReplyInput.PressAsync("Enter");
        await Expect(page.MessageWithText("Posso ajudar?")).ToHaveAttributeAsync("data-kind", "note");
        Assert.DoesNotContain(fixture.Graph.Sends, s => s.Body.Contains("Posso ajudar?", StringComparison.Ordinal));
    }
}
