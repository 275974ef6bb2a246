using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>One open conversation: failures with their reason, customer text as text, notes and the composer's keys.</summary>
public sealed class ConversationViewTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task AReplyWhatsAppRefusesShowsAsFailedWithTheReason()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Cliente Bloqueado", "Oi?");
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Cliente Bloqueado");

        fixture.Graph.Answer(400, FakeGraphApi.ErrorBody(131030, "Recipient phone number not in allowed list"));
        await page.ReplyAsync("Esta resposta não vai chegar");

        var failed = page.MessageWithText("Esta resposta não vai chegar");
        await Expect(failed.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", "failed");
        await Expect(failed.GetByTestId("message-error")).ToContainTextAsync("Não entregue");
        await Expect(failed.GetByTestId("message-error")).ToContainTextAsync("(131030) Recipient phone number not in allowed list");
        await page.ScreenshotAsync("view-failed-send");
    }

    [Fact]
    public async Task ShiftEnterStartsANewLineAndAPrivateNoteIsNeverSentToTheCustomer()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        var phone = BrowserAppFixture.NewPhone();
        await fixture.CustomerWritesAsync(inbox, phone, "Cliente VIP", "Quero trocar o tamanho");
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Cliente VIP");

        await page.Page.GetByTestId("mode-note").ClickAsync();
        await Expect(page.Page.GetByTestId("reply-box")).ToHaveAttributeAsync("data-mode", "note");
        await page.ReplyInput.PressSequentiallyAsync("Cliente VIP");
        await page.ReplyInput.PressAsync("Shift+Enter");
        await page.ReplyInput.PressSequentiallyAsync("priorizar a troca");
        await Expect(page.ReplyInput).ToHaveValueAsync("Cliente VIP\npriorizar a troca");
        await page.ReplyInput.PressAsync("Enter");

        var note = page.MessageWithText("Cliente VIP\npriorizar a troca");
        await Expect(note).ToHaveAttributeAsync("data-kind", "note");
        await Expect(note.GetByTestId("delivery-status")).ToHaveCountAsync(0);
        await Expect(page.ReplyInput).ToHaveValueAsync("");
        await page.ScreenshotAsync("view-private-note");
        Assert.DoesNotContain(fixture.Graph.Sends, s => s.Body.Contains(phone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CustomerTextIsShownAsTextNeverAsMarkup()
    {
        const string Markup = "<img src=x onerror=alert(1)> <b>negrito?</b>";
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        await using var page = await fixture.SignInAsync(agent);
        var dialogs = 0;
        page.Page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "<script>alert('nome')</script>", Markup);

        var row = page.RowOf("<script>alert('nome')</script>");
        await Expect(row.GetByTestId("conversation-preview")).ToHaveTextAsync(Markup);
        await row.ClickAsync();
        await Expect(page.MessageWithText(Markup)).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("conversation-title")).ToHaveTextAsync("<script>alert('nome')</script>");
        await Expect(page.Page.GetByTestId("message-thread").Locator("img, b")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("conversation-list").Locator("img, b, script")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
    }
}
