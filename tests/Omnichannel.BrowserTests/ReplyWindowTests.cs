using System.Text.Json.Nodes;
using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using Omnichannel.IntegrationTests.Templates;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>After WhatsApp's 24-hour window the composer says so, locks free text and sends an approved template.</summary>
public sealed class ReplyWindowTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task ClosedWindowShowsTheNoticeAndTheAgentSendsATemplate()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Joana Prado", "Meu pedido chegou?");
        var conversationId = await fixture.ConversationIdAsync(inbox);
        await TemplateSteps.CreateAsync(fixture, inbox.Id, footer: "Loja Exemplo");
        await TemplateSteps.CreateAsync(fixture, inbox.Id, name: "promo_rascunho", status: "pending", body: "Não aprovado {{1}}");
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromHours(27) + TimeSpan.FromMinutes(10));
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Joana Prado");

        // The notice, in the agent's language, and no free text.
        await Expect(page.Page.GetByTestId("window-closed")).ToContainTextAsync("A janela de 24 horas fechou há 3 h: só é possível enviar modelos.");
        await Expect(page.ReplyInput).ToBeDisabledAsync();
        await Expect(page.Page.GetByTestId("send")).ToBeDisabledAsync();

        // Only approved templates are offered; {{1}} suggests the customer's name; the preview shows what they will read.
        await page.Page.GetByTestId("window-choose-template").ClickAsync();
        var picker = page.Page.GetByTestId("template-picker");
        await Expect(picker.Locator("option")).ToHaveCountAsync(1);
        var variables = picker.GetByTestId("template-variable");
        await Expect(variables).ToHaveCountAsync(2);
        await Expect(variables.Nth(0)).ToHaveValueAsync("Joana Prado");
        await Expect(picker.GetByTestId("template-send")).ToBeDisabledAsync();
        await variables.Nth(1).FillAsync("#4521");
        await Expect(picker.GetByTestId("template-preview"))
            .ToHaveTextAsync("Olá Joana Prado, seu pedido #4521 foi enviado. Podemos ajudar em algo mais?\n\nLoja Exemplo");
        await page.ScreenshotAsync("reply-window-template-picker");

        await picker.GetByTestId("template-send").ClickAsync();

        var sent = page.MessageWithText("Olá Joana Prado, seu pedido #4521 foi enviado. Podemos ajudar em algo mais?\n\nLoja Exemplo");
        await Expect(sent).ToHaveAttributeAsync("data-direction", "outgoing");
        await Expect(sent.GetByTestId("template-marker")).ToHaveTextAsync("Modelo");
        await Expect(picker).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("window-closed")).ToBeVisibleAsync();
        await page.ScreenshotAsync("reply-window-template-sent");

        var send = await IntegrationTests.Infrastructure.AppFixture.EventuallyAsync(
            () => Task.FromResult(fixture.Graph.Sends.FirstOrDefault(s => s.Path.Contains(inbox.PhoneNumberId, StringComparison.Ordinal))),
            s => s is not null,
            "the template to reach the Graph API");
        var body = JsonNode.Parse(send!.Body)!;
        Assert.Equal("template", body["type"]!.GetValue<string>());
        Assert.Equal("pedido_enviado", body["template"]!["name"]!.GetValue<string>());
        Assert.Equal(
            ["Joana Prado", "#4521"],
            body["template"]!["components"]![0]!["parameters"]!.AsArray().Select(p => p!["text"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task OnInstagramBetweenOneAndSevenDaysTheComposerSaysRepliesGoWithTheHumanAgentTagUntilWhen()
    {
        var (agent, conversationId, igsid) = await InstagramConversationAsync("Bia Tag");
        var lastWrote = TimeSpan.FromDays(3);
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, lastWrote);
        var endsAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow - lastWrote + TimeSpan.FromDays(7), TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo"));
        var portuguese = System.Globalization.CultureInfo.GetCultureInfo("pt-BR");
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync(igsid);

        // Four days ahead, in the agent's zone and language; free text still goes (tagged by the sender).
        await Expect(page.Page.GetByTestId("window-tagged")).ToHaveTextAsync(
            $"Fora da janela de 24 horas: as respostas vão com a etiqueta de atendimento humano do Instagram até {endsAt.ToString("dddd", portuguese)} às {endsAt.ToString("t", portuguese)}.");
        await Expect(page.Page.GetByTestId("window-closing")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("window-closed")).ToHaveCountAsync(0);
        await Expect(page.ReplyInput).ToBeEnabledAsync();
        await page.ScreenshotAsync("reply-window-instagram-tagged");
    }

    [Fact]
    public async Task OnInstagramAfterSevenDaysTheComposerIsLockedButAPrivateNoteStillGoes()
    {
        var (agent, conversationId, igsid) = await InstagramConversationAsync("Caio Fora");
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromDays(8));
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync(igsid);

        await Expect(page.Page.GetByTestId("window-nothing")).ToContainTextAsync("O Instagram não aceita mensagens até o cliente escrever de novo.");
        await Expect(page.Page.GetByTestId("window-closing")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("open-templates")).ToHaveCountAsync(0);
        await Expect(page.ReplyInput).ToBeDisabledAsync();
        await Expect(page.Page.GetByTestId("send")).ToBeDisabledAsync();
        await page.ScreenshotAsync("reply-window-instagram-nothing");

        await page.Page.GetByTestId("mode-note").ClickAsync();
        await Expect(page.Page.GetByTestId("window-nothing")).ToHaveCountAsync(0);
        await page.ReplyAsync("cliente sumiu, tentar de novo se ele voltar");
        var note = page.MessageWithText("cliente sumiu, tentar de novo se ele voltar");
        await Expect(note).ToBeVisibleAsync();
        await Expect(note).ToHaveAttributeAsync("data-kind", "note");
    }

    private async Task<(TestAgent Agent, Guid ConversationId, string Igsid)> InstagramConversationAsync(string agentName)
    {
        var agent = await fixture.CreateAgentAsync(agentName);
        var (inboxId, accountId) = await InstagramSteps.CreateInboxAsync(fixture, agent);
        var igsid = InstagramPayloads.NewIgsid();
        await InstagramSteps.PostAsync(fixture, InstagramPayloads.Text(accountId, igsid, InstagramPayloads.NewMid(), "Ainda tem o Aurora 39?"));
        var conversationId = await fixture.ConversationIdAsync(new TestInbox(inboxId, accountId, InstagramSteps.AppSecret, "v"));
        return (agent, conversationId, igsid);
    }

    [Fact]
    public async Task AnAdminAddsATemplateInTheInboxSettingsAndABadNameIsRefusedOnTheField()
    {
        var admin = await fixture.CreateAgentAsync("Alice Admin", role: "admin");
        var inbox = await fixture.CreateInboxWithMembersAsync(admin);
        await using var page = await fixture.SignInAsync(admin);
        await page.Page.GotoAsync($"/settings/inboxes/{inbox.Id}/templates");
        await Expect(page.Page.GetByTestId("templates-empty")).ToBeVisibleAsync();

        await page.Page.GetByTestId("new-template").ClickAsync();
        var dialog = page.Page.GetByTestId("template-dialog");
        await dialog.GetByLabel("Nome", new() { Exact = true }).FillAsync("Confirmação-Pedido");
        await dialog.GetByLabel("Corpo", new() { Exact = true }).FillAsync("Olá {{1}}, pedido {{3}} confirmado.");
        await page.Page.GetByTestId("dialog-save").ClickAsync();
        await Expect(dialog.GetByText("Use apenas letras minúsculas, dígitos e _, como na Meta.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("As variáveis devem ser numeradas {{1}}, {{2}}, … sem pular números.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("settings-template-errors");

        await dialog.GetByLabel("Nome", new() { Exact = true }).FillAsync("confirmacao_pedido");
        await dialog.GetByLabel("Corpo", new() { Exact = true }).FillAsync("Olá {{1}}, pedido {{2}} confirmado.");
        await page.Page.GetByTestId("dialog-save").ClickAsync();

        var row = page.Page.Locator("[data-testid=template-row][data-name='confirmacao_pedido']");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(row).ToContainTextAsync("pt_BR");
        await Expect(row).ToContainTextAsync("Aprovado");
        await page.ScreenshotAsync("settings-templates");
        var stored = await IntegrationTests.Infrastructure.AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{inbox.Id}/templates");
        Assert.Equal("Olá {{1}}, pedido {{2}} confirmado.", Assert.Single(stored["items"]!.AsArray())!["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task WindowClosingSoonShowsTheTimeLeftAndAnUndeliverableReplyIsExplainedInTheAgentsLanguage()
    {
        var agent = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Carlos Dias", "Ainda estão aí?");
        var conversationId = await fixture.ConversationIdAsync(inbox);
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromHours(23) + TimeSpan.FromMinutes(20));
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Carlos Dias");

        await Expect(page.Page.GetByTestId("window-closing")).ToContainTextAsync("A janela de 24 horas fecha em 40 min");
        await Expect(page.Page.GetByTestId("window-closed")).ToHaveCountAsync(0);

        fixture.Graph.Answer(400, IntegrationTests.Infrastructure.FakeGraphApi.ErrorBody(131026, "Message undeliverable"));
        await page.ReplyAsync("Sim, pode falar!");

        var reply = page.MessageWithText("Sim, pode falar!");
        await Expect(reply.GetByTestId("message-error"))
            .ToContainTextAsync("Não foi possível entregar a mensagem a este número (não está no WhatsApp ou bloqueou a empresa).");
        await page.ScreenshotAsync("reply-window-closing-and-undeliverable");
    }
}
