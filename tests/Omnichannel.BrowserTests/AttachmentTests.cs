using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>Files in the thread: a customer's image shows inline; the composer sends a file and refuses a bad one.</summary>
public sealed class AttachmentTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    // A real 48×32 PNG, so the browser must decode it (naturalWidth > 0 proves the bytes arrived intact).
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAANUlEQVR4nO3OQQ0AAAgEIIPZf8ayheeDjQDUdL9S8YGQkJBQeiAkJCSUHggJCQmlB0JCQscWVhGAahCQ8qEAAAAASUVORK5CYII=");

    [Fact]
    public async Task AnImageSentByAWhatsAppCustomerShowsInlineForTheAgent()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        fixture.Graph.AddMedia("7100000000001", "image/png", Png);
        var body = WhatsAppPayloads.Message(inbox.PhoneNumberId, BrowserAppFixture.NewPhone(), WhatsAppPayloads.NewWamid(), "image",
            new { id = "7100000000001", mime_type = "image/png", caption = "A caixa chegou amassada" });
        (await fixture.PostWebhookAsync(body, inbox.AppSecret)).EnsureSuccessStatusCode();
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Cliente");

        var image = page.Messages.GetByTestId("attachment-image");
        await Expect(image).ToBeVisibleAsync();
        await Expect(page.MessageWithText("A caixa chegou amassada")).ToBeVisibleAsync();
        await page.Page.WaitForFunctionAsync(
            "() => { const img = document.querySelector('[data-testid=attachment-image]'); return img && img.complete && img.naturalWidth > 0; }");
        Assert.Equal(48, await image.EvaluateAsync<int>("img => img.naturalWidth"));
        await page.ScreenshotAsync("attachment-inbound-image");
    }

    [Fact]
    public async Task TheComposerSendsAFileAndRefusesOneOfAForbiddenType()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Cliente Foto", "Me manda a foto do produto?");
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Cliente Foto");

        var input = page.Page.GetByTestId("reply-box").Locator("input[type=file]").Last; // MudFileUpload keeps a spare input; the newest is live
        await input.SetInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "pagina.html", MimeType = "text/html", Buffer = "<script>alert(1)</script>"u8.ToArray() });
        await Expect(page.Page.GetByTestId("attachment-error")).ToContainTextAsync("text/html");
        await Expect(page.Page.GetByTestId("attachment-chip")).ToHaveCountAsync(0);

        await input.SetInputFilesAsync(new Microsoft.Playwright.FilePayload { Name = "produto.png", MimeType = "image/png", Buffer = Png });
        await Expect(page.Page.GetByTestId("attachment-chip")).ToContainTextAsync("produto.png");
        await page.ReplyInput.FillAsync("Aqui está");
        await page.Page.GetByTestId("send").ClickAsync();

        var sent = page.MessageWithText("Aqui está");
        await Expect(sent.GetByTestId("attachment-image")).ToBeVisibleAsync();
        await Expect(sent.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", "sent");
        await Expect(page.Page.GetByTestId("attachment-chip")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByText("produto.png")).ToHaveCountAsync(0);
        var upload = Assert.Single(fixture.Graph.Uploads, u => u.Path.Contains(inbox.PhoneNumberId, StringComparison.Ordinal));
        Assert.Equal(Png, upload.Bytes);
        Assert.DoesNotContain(fixture.Graph.Uploads, u => u.Type == "text/html");
        await page.ScreenshotAsync("attachment-composer-sent");
    }
}
