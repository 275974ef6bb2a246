using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>An Instagram conversation as the agent sees it: customer text and media, an answer from the Instagram app, a reaction.</summary>
public sealed class InstagramTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task AnAgentSeesTheCustomersMessagesTheEchoFromTheInstagramAppAndTheReaction()
    {
        var agent = await fixture.CreateAgentAsync("Ana Instagram");
        var (_, accountId) = await InstagramSteps.CreateInboxAsync(fixture, agent);
        var igsid = InstagramPayloads.NewIgsid();
        var echoMid = InstagramPayloads.NewMid();
        await InstagramSteps.PostAsync(fixture, InstagramPayloads.Text(accountId, igsid, InstagramPayloads.NewMid(), "<b>Tem o Aurora 39?</b>"));
        await InstagramSteps.PostAsync(fixture, InstagramPayloads.Attachment(accountId, igsid, InstagramPayloads.NewMid(), "share", "https://www.example.com/p/aurora39"));
        await InstagramSteps.PostAsync(fixture, InstagramPayloads.Echo(accountId, igsid, echoMid, "Temos sim, nas cores preta e areia."));
        await InstagramSteps.PostAsync(fixture, InstagramPayloads.FromCustomer(accountId, igsid, new { reaction = new { mid = echoMid, action = "react", reaction = "love", emoji = "❤️" } }));

        var page = await fixture.SignInAsync(agent);
        await page.OpenAsync(igsid);

        await Expect(page.MessageWithText("<b>Tem o Aurora 39?</b>")).ToBeVisibleAsync();
        await Expect(page.MessageWithText("[shared post] https://www.example.com/p/aurora39")).ToBeVisibleAsync();
        var echo = page.MessageWithText("Temos sim, nas cores preta e areia.");
        await Expect(echo).ToHaveAttributeAsync("data-direction", "outgoing");
        await Expect(echo.GetByTestId("message-reaction")).ToHaveTextAsync("❤️");
        await Expect(page.Page.Locator(".channel-badge[data-channel=Instagram]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("instagram-conversation");
    }

    [Fact]
    public async Task AnImageSentByAnInstagramCustomerShowsInlineForTheAgent()
    {
        // A real 48×32 PNG, so the browser must decode it (naturalWidth > 0 proves the bytes arrived intact).
        var png = Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAANUlEQVR4nO3OQQ0AAAgEIIPZf8ayheeDjQDUdL9S8YGQkJBQeiAkJCSUHggJCQmlB0JCQscWVhGAahCQ8qEAAAAASUVORK5CYII=");
        await using var cdn = await FakeInstagramApi.StartAsync();
        var agent = await fixture.CreateAgentAsync("Ana Instagram");
        var (_, accountId) = await InstagramSteps.CreateInboxAsync(fixture, agent);
        var igsid = InstagramPayloads.NewIgsid();
        await InstagramSteps.PostAsync(fixture, InstagramPayloads.Attachment(accountId, igsid, InstagramPayloads.NewMid(), "image", cdn.AddMedia("image/png", png)));
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync(igsid);

        var image = page.Messages.GetByTestId("attachment-image");
        await Expect(image).ToBeVisibleAsync();
        await page.Page.WaitForFunctionAsync(
            "() => { const img = document.querySelector('[data-testid=attachment-image]'); return img && img.complete && img.naturalWidth > 0; }");
        Assert.Equal(48, await image.EvaluateAsync<int>("img => img.naturalWidth"));
        await Expect(page.Messages).Not.ToContainTextAsync(cdn.BaseUrl);
        await page.ScreenshotAsync("instagram-inbound-image");

        // Our Instagram sender sends no files: a reply has no file button, a private note does.
        await Expect(page.Page.GetByTestId("attach-button")).ToBeHiddenAsync();
        await page.Page.GetByTestId("mode-note").ClickAsync();
        await Expect(page.Page.GetByTestId("attach-button")).ToBeVisibleAsync();
        await page.Page.GetByTestId("mode-reply").ClickAsync();
        await Expect(page.Page.GetByTestId("attach-button")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task AnAdminConnectsAnInstagramAccountFromSettingsAndGetsItsWebhookUrl()
    {
        var admin = await fixture.CreateAgentAsync("Igor Admin", role: "admin");
        var accountId = "1784" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var page = await fixture.SignInAsync(admin);

        await page.Page.GotoAsync("/settings/inboxes");
        await page.Page.GetByTestId("new-instagram-inbox").ClickAsync();
        var form = page.Page.GetByTestId("new-inbox-dialog");
        await form.GetByTestId("new-inbox-name").FillAsync("Instagram da Loja");
        await form.GetByTestId("new-inbox-instagram-account-id").FillAsync("@loja");
        await form.GetByTestId("new-inbox-access-token").FillAsync("IGAA-secret-token");
        await form.GetByTestId("new-inbox-app-secret").FillAsync("ig-app-secret");
        await page.Page.GetByTestId("dialog-save").ClickAsync();
        await Expect(form).ToContainTextAsync("@username");

        await form.GetByTestId("new-inbox-instagram-account-id").FillAsync(accountId);
        await page.Page.GetByTestId("dialog-save").ClickAsync();

        var dialog = page.Page.GetByTestId("inbox-dialog");
        await Expect(dialog.GetByTestId("inbox-webhook-url")).ToHaveTextAsync(fixture.BaseUrl.TrimEnd('/') + "/webhooks/instagram");
        await Expect(dialog).Not.ToContainTextAsync("IGAA-secret-token");
        await page.ScreenshotAsync("instagram-settings");
    }
}
