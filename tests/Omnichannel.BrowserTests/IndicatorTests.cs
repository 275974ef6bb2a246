using System.Text.Json.Nodes;
using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>What the WhatsApp customer's app hears of the agent: "read" when the conversation is opened, "typing…" while a reply (not a note) is written.</summary>
public sealed class IndicatorTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task OpeningMarksTheCustomersMessageReadAndWritingAReplyButNotANoteShowsTyping()
    {
        var agent = await fixture.CreateAgentAsync("Rita Sinal");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        var wamid = await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Paulo Ticks", "Chegou meu pedido?");
        await fixture.ConversationIdAsync(inbox);
        await using var page = await fixture.SignInAsync(agent);

        await page.OpenAsync("Paulo Ticks");
        var read = JsonNode.Parse((await Signals.WaitAsync(() => fixture.Graph.Signals, inbox.PhoneNumberId, 1))[0].Body)!;
        Assert.Equal(wamid, read["message_id"]!.GetValue<string>());
        Assert.Null(read["typing_indicator"]);

        // A private note never reaches the customer, so neither does its "typing…".
        await page.Page.GetByTestId("mode-note").ClickAsync();
        await page.ReplyInput.PressSequentiallyAsync("cliente ansioso");
        await Task.Delay(1500);
        Assert.Single(Signals.To(fixture.Graph.Signals, inbox.PhoneNumberId));

        await page.ReplyInput.FillAsync("");
        await page.Page.GetByTestId("mode-reply").ClickAsync();
        await page.ReplyInput.PressSequentiallyAsync("Chegou sim");
        var typing = JsonNode.Parse((await Signals.WaitAsync(() => fixture.Graph.Signals, inbox.PhoneNumberId, 2))[1].Body)!;
        Assert.Equal(wamid, typing["message_id"]!.GetValue<string>());
        Assert.Equal("text", typing["typing_indicator"]!["type"]!.GetValue<string>());
        await Expect(page.ReplyInput).ToHaveValueAsync("Chegou sim");
    }
}
