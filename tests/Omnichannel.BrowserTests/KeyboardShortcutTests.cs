using System.Text.RegularExpressions;
using Omnichannel.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>Working the inbox from the keyboard.</summary>
public sealed class KeyboardShortcutTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task JAndKMoveThroughTheListAAssignsEResolvesAndQuestionMarkListsTheShortcuts()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        foreach (var name in new[] { "Cliente Um", "Cliente Dois", "Cliente Três" })
        {
            await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), name, "Olá, " + name);
        }

        await using var page = await fixture.SignInAsync(agent);
        await Expect(page.ConversationRows).ToHaveCountAsync(3);
        var ids = await page.ConversationRows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.conversationId)");
        var keyboard = page.Page.Keyboard;

        // j opens the first, j / Alt+↓ go down, k / Alt+↑ go up.
        await keyboard.PressAsync("j");
        await ExpectOpenAsync(page, ids[0]);
        await keyboard.PressAsync("j");
        await ExpectOpenAsync(page, ids[1]);
        await keyboard.PressAsync("Alt+ArrowDown");
        await ExpectOpenAsync(page, ids[2]);
        await keyboard.PressAsync("k");
        await ExpectOpenAsync(page, ids[1]);
        await keyboard.PressAsync("Alt+ArrowUp");
        await ExpectOpenAsync(page, ids[0]);

        // a assigns to me, e resolves.
        await page.ExpectComposerReadyAsync();
        await keyboard.PressAsync("a");
        await Expect(page.Page.GetByTestId("assignee")).ToContainTextAsync("Ana Souza");
        // A shortcut pressed while the previous change is still being saved is ignored (no double
        // submits); the live event can show the assignee before that save returns.
        await Expect(page.Page.GetByTestId("resolve")).ToBeEnabledAsync();
        await keyboard.PressAsync("e");
        await Expect(page.Conversation.GetByTestId("status-chip")).ToHaveAttributeAsync("data-status", "resolved");

        // ? lists the shortcuts; Esc closes the list.
        await keyboard.PressAsync("?");
        var help = page.Page.GetByTestId("shortcuts-help");
        await Expect(help).ToBeVisibleAsync();
        await Expect(help).ToContainTextAsync("Próxima conversa");
        await Expect(help).ToContainTextAsync("Atribuir a mim");
        await page.ScreenshotAsync("shortcuts-help");
        await keyboard.PressAsync("Escape");
        await Expect(help).ToHaveCountAsync(0);

        // r focuses the reply; letters typed there are text, not shortcuts; Esc leaves; n switches to a note.
        await keyboard.PressAsync("r");
        await Expect(page.ReplyInput).ToBeFocusedAsync();
        await keyboard.TypeAsync("jk");
        await Expect(page.ReplyInput).ToHaveValueAsync("jk");
        await Expect(page.Page).ToHaveURLAsync(new Regex($"/conversations/{ids[0]}$"));
        await keyboard.PressAsync("Escape");
        await Expect(page.ReplyInput).Not.ToBeFocusedAsync();
        await keyboard.PressAsync("n");
        await Expect(page.Page.GetByTestId("reply-box")).ToHaveAttributeAsync("data-mode", "note");
        await Expect(page.ReplyInput).ToBeFocusedAsync();
    }

    private static async Task ExpectOpenAsync(AgentPage page, string conversationId)
    {
        await Expect(page.Page).ToHaveURLAsync(new Regex($"/conversations/{conversationId}$"));
        await Expect(page.Page.Locator($"[data-testid=conversation-row][data-conversation-id='{conversationId}']")).ToHaveAttributeAsync("aria-current", "page");
    }
}
