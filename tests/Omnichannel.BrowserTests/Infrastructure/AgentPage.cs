using Microsoft.Playwright;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests.Infrastructure;

/// <summary>One agent's browser tab on the inbox, with the steps and places the tests talk about.</summary>
public sealed class AgentPage(IPage page, TestAgent agent) : IAsyncDisposable
{
    public IPage Page => page;

    public TestAgent Agent => agent;

    public ILocator ConversationRows => page.GetByTestId("conversation-row");

    public ILocator Conversation => page.GetByTestId("conversation");

    public ILocator Messages => page.GetByTestId("message");

    public ILocator ReplyInput => page.GetByTestId("reply-box").Locator("textarea");

    public ILocator ReconnectBanner => page.Locator("#components-reconnect-modal");

    public ILocator RowOf(string contactName) => ConversationRows.Filter(new() { HasText = contactName });

    public ILocator MessageWithText(string text) =>
        Messages.Filter(new() { Has = page.GetByTestId("message-text").GetByText(text, new() { Exact = true }) });

    public async Task SignInAsync()
    {
        await page.GotoAsync("/login");
        await page.Locator("input[name=email]").FillAsync(agent.Email);
        await page.Locator("input[name=password]").FillAsync(BrowserAppFixture.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("conversation-list")).ToBeVisibleAsync();
    }

    public async Task OpenAsync(string contactName)
    {
        await RowOf(contactName).ClickAsync();
        await Expect(page.GetByTestId("conversation-title")).ToHaveTextAsync(contactName);
        await ExpectComposerReadyAsync();
    }

    /// <summary>The composer's Enter handler is attached once the conversation is fully interactive.</summary>
    public async Task ExpectComposerReadyAsync() =>
        await Expect(page.Locator("[data-testid=reply-box][data-keyboard=ready]")).ToBeVisibleAsync();

    /// <summary>Types into the composer and presses Enter, as an agent does.</summary>
    public async Task ReplyAsync(string text)
    {
        await ExpectComposerReadyAsync();
        await ReplyInput.FillAsync(text);
        await ReplyInput.PressAsync("Enter");
        await Expect(ReplyInput).ToHaveValueAsync("");
    }

    /// <summary>
    /// Opens a header menu and clicks one of its items. A click that lands while the header re-renders
    /// after the previous action (the button briefly disabled) leaves the menu shut, so it is tried again.
    /// </summary>
    public async Task ChooseFromMenuAsync(string menuTestId, ILocator item)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId(menuTestId).ClickAsync();
            try
            {
                await item.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 3_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }

        await item.ClickAsync();
    }

    public ILocator DeliveryStatusOf(string messageText) => MessageWithText(messageText).GetByTestId("delivery-status");

    /// <summary>Saves a full-page screenshot under tests/Omnichannel.BrowserTests/TestResults/screenshots.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var directory = Path.Combine(TestDatabase.RepositoryRoot(), "tests", "Omnichannel.BrowserTests", "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    public async ValueTask DisposeAsync() => await page.Context.CloseAsync();
}
