using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;
using Omnichannel.IntegrationTests.Templates;

namespace Omnichannel.IntegrationTests.Conversations;

/// <summary>The 24-hour customer-service window is enforced before anything is stored or sent.</summary>
public sealed class ReplyWindowTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ReplyJustInsideTheWindowIsSent()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(2));

        var window = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/reply-window");
        Assert.Equal("freeForm", window["allowance"]!.GetValue<string>());
        var endsAt = window["endsAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(endsAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "ainda dentro da janela");
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
    }

    [Fact]
    public async Task FreeFormReplyAfterTheWindowIsRefusedAndNothingIsStoredOrSent()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromHours(24) + TimeSpan.FromSeconds(5));
        var before = await TemplateSteps.StoredCountAsync(fixture, conversationId);
        var sendsBefore = fixture.Graph.Sends.Count;

        var response = await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "tarde demais" });

        var problem = await Customers.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "window");
        Assert.Contains("template", problem["errors"]!["window"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await TemplateSteps.StoredCountAsync(fixture, conversationId));
        await Task.Delay(500);
        Assert.Equal(sendsBefore, fixture.Graph.Sends.Count);
        var window = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/reply-window");
        Assert.Equal("templateOnly", window["allowance"]!.GetValue<string>());
    }

    [Fact]
    public async Task PrivateNoteIsAllowedWhenTheWindowIsClosed()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromDays(3));

        var noteId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "cliente sumiu, mandar template amanhã", isPrivate: true);

        var note = await Infrastructure.Conversations.MessageAsync(fixture, conversationId, noteId);
        Assert.Equal("note", note["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task CustomerWritingAgainReopensTheWindow()
    {
        var inbox = await fixture.CreateInboxAsync();
        var phone = Customers.NewPhone();
        var first = await Customers.WriteAsync(fixture, inbox, phone, "Rita", "oi");
        await TemplateSteps.CustomerLastWroteAsync(fixture, first.ConversationId, TimeSpan.FromDays(2));
        await Customers.AssertProblemAsync(
            await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{first.ConversationId}/messages", new { text = "fechada" }), HttpStatusCode.UnprocessableEntity, "window");

        await Customers.WriteAsync(fixture, inbox, phone, "Rita", "voltei");

        await Infrastructure.Conversations.ReplyAsync(fixture.Admin, first.ConversationId, "que bom, pode falar");
    }

    [Fact]
    public async Task TemplateIsSentWhenTheWindowIsClosedWithTheTemplatePayloadAndDoesNotReopenIt()
    {
        var (inbox, conversationId, phone) = await Infrastructure.Conversations.StartAsync(fixture);
        await TemplateSteps.CreateAsync(fixture, inbox.Id, header: "Loja Exemplo", footer: "Responda SAIR para não receber mais");
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromHours(30));

        var response = await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages",
            new { template = new { name = "pedido_enviado", language = "pt_BR", variables = (string[])["Cliente Teste", "#4521"] } });
        var messageId = Guid.Parse((await Customers.ReadJsonAsync(response, HttpStatusCode.Accepted))["id"]!.GetValue<string>());

        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        Assert.Equal("Loja Exemplo\n\nOlá Cliente Teste, seu pedido #4521 foi enviado. Podemos ajudar em algo mais?\n\nResponda SAIR para não receber mais", sent["text"]!.GetValue<string>());
        Assert.Equal("pedido_enviado", sent["template"]!["name"]!.GetValue<string>());
        Assert.Equal("pt_BR", sent["template"]!["language"]!.GetValue<string>());

        var body = JsonNode.Parse(Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)).Body)!;
        Assert.Equal(phone, body["to"]!.GetValue<string>());
        Assert.Equal("template", body["type"]!.GetValue<string>());
        Assert.Null(body["text"]);
        var template = body["template"]!;
        Assert.Equal("pedido_enviado", template["name"]!.GetValue<string>());
        Assert.Equal("pt_BR", template["language"]!["code"]!.GetValue<string>());
        var component = Assert.Single(template["components"]!.AsArray())!;
        Assert.Equal("body", component["type"]!.GetValue<string>());
        Assert.Equal(
            [("text", "Cliente Teste"), ("text", "#4521")],
            component["parameters"]!.AsArray().Select(p => (p!["type"]!.GetValue<string>(), p["text"]!.GetValue<string>())).ToArray());

        // Our own template does not open the window: only the customer's answer does.
        var window = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/reply-window");
        Assert.Equal("templateOnly", window["allowance"]!.GetValue<string>());
    }

    [Fact]
    public async Task TemplateIsAlsoAllowedInsideTheWindow()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        await TemplateSteps.CreateAsync(fixture, inbox.Id, name: "boas_vindas", body: "Bem-vindo à loja!");

        var response = await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages",
            new { template = new { name = "boas_vindas", language = "pt_BR", variables = Array.Empty<string>() } });
        var messageId = Guid.Parse((await Customers.ReadJsonAsync(response, HttpStatusCode.Accepted))["id"]!.GetValue<string>());

        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        var template = JsonNode.Parse(fixture.Graph.Sends.Single(s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)).Body)!["template"]!;
        Assert.Null(template["components"]);
    }

    [Theory]
    [InlineData("pedido_enviado", "pt_BR", 1, "template.variables")]
    [InlineData("pedido_enviado", "pt_BR", 3, "template.variables")]
    [InlineData("nao_existe", "pt_BR", 2, "template.name")]
    [InlineData("pedido_enviado", "en", 2, "template.name")]
    [InlineData("em_analise", "pt_BR", 2, "template.name")]
    public async Task TemplateThatDoesNotMatchAnApprovedOneIsRefusedAndNothingIsStored(string name, string language, int variables, string field)
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        await TemplateSteps.CreateAsync(fixture, inbox.Id);
        await TemplateSteps.CreateAsync(fixture, inbox.Id, name: "em_analise", status: "pending");
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromDays(2));
        var before = await TemplateSteps.StoredCountAsync(fixture, conversationId);

        var response = await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages",
            new { template = new { name, language, variables = Enumerable.Range(1, variables).Select(i => $"v{i}").ToArray() } });

        await Customers.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, field);
        Assert.Equal(before, await TemplateSteps.StoredCountAsync(fixture, conversationId));
    }

    [Fact]
    public async Task TemplateVariableWithALineBreakIsInvalid()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        await TemplateSteps.CreateAsync(fixture, inbox.Id);

        var response = await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages",
            new { template = new { name = "pedido_enviado", language = "pt_BR", variables = (string[])["linha 1\nlinha 2", "#1"] } });

        await Customers.AssertProblemAsync(response, HttpStatusCode.BadRequest, "template.variables");
    }
}
