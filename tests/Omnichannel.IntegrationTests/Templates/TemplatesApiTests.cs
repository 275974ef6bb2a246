using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Templates;

public sealed class TemplatesApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AdminCreatesUpdatesListsAndDeletesTemplates()
    {
        var inbox = await fixture.CreateInboxAsync();

        var created = await TemplateSteps.CreateAsync(fixture, inbox.Id, header: "Loja", footer: "Obrigado");
        Assert.Equal(2, created["variableCount"]!.GetValue<int>());
        Assert.Equal("approved", created["status"]!.GetValue<string>());
        var id = created["id"]!.GetValue<string>();
        await TemplateSteps.CreateAsync(fixture, inbox.Id, name: "promo_natal", status: "pending", body: "Promoção!");

        var all = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{inbox.Id}/templates");
        Assert.Equal(["pedido_enviado", "promo_natal"], all["items"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order().ToArray());
        var approved = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{inbox.Id}/templates?approvedOnly=true");
        Assert.Equal("pedido_enviado", Assert.Single(approved["items"]!.AsArray())!["name"]!.GetValue<string>());

        var updated = await Customers.ReadJsonAsync(await fixture.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inbox.Id}/templates/{id}",
            new { name = "pedido_enviado", language = "pt_BR", category = "utility", status = "paused", body = "Oi {{1}}" }));
        Assert.Equal("paused", updated["status"]!.GetValue<string>());
        Assert.Equal(1, updated["variableCount"]!.GetValue<int>());

        var deleted = await fixture.Admin.DeleteAsync($"/api/v1/inboxes/{inbox.Id}/templates/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Single((await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{inbox.Id}/templates"))["items"]!.AsArray());
    }

    [Theory]
    [InlineData("Pedido-Enviado", "pt_BR", "utility", "Olá {{1}}", null, "name")]
    [InlineData("", "pt_BR", "utility", "Olá {{1}}", null, "name")]
    [InlineData("pedido", "portuguese", "utility", "Olá {{1}}", null, "language")]
    [InlineData("pedido", "pt_BR", "promo", "Olá {{1}}", null, "category")]
    [InlineData("pedido", "pt_BR", "utility", "Olá {{1}}, pedido {{3}}", null, "body")]
    [InlineData("pedido", "pt_BR", "utility", "Olá {{2}}", null, "body")]
    [InlineData("pedido", "pt_BR", "utility", "", null, "body")]
    [InlineData("pedido", "pt_BR", "utility", "Olá", "Oi {{1}}", "header")]
    public async Task InvalidTemplateIsAProblemWithAFieldErrorAndChangesNothing(string name, string language, string category, string body, string? header, string field)
    {
        var inbox = await fixture.CreateInboxAsync();

        var response = await fixture.Admin.PostAsJsonAsync($"/api/v1/inboxes/{inbox.Id}/templates", new { name, language, category, header, body });

        await Customers.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await Customers.DbAsync(fixture, db => db.MessageTemplates.CountAsync(t => t.InboxId == inbox.Id)));
    }

    [Fact]
    public async Task InvalidUpdateLeavesTheTemplateAsItWas()
    {
        var inbox = await fixture.CreateInboxAsync();
        var id = (await TemplateSteps.CreateAsync(fixture, inbox.Id))["id"]!.GetValue<string>();

        var response = await fixture.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inbox.Id}/templates/{id}",
            new { name = "pedido_enviado", language = "pt_BR", category = "utility", status = "sometimes", body = "Oi {{1}}" });

        await Customers.AssertProblemAsync(response, HttpStatusCode.BadRequest, "status");
        var stored = await Customers.DbAsync(fixture, db => db.MessageTemplates.SingleAsync(t => t.InboxId == inbox.Id));
        Assert.Equal(TemplateSteps.OrderBody, stored.Body);
    }

    [Fact]
    public async Task SameNameAndLanguageTwiceIsAConflictButAnotherLanguageIsFine()
    {
        var inbox = await fixture.CreateInboxAsync();
        await TemplateSteps.CreateAsync(fixture, inbox.Id);

        var again = await fixture.Admin.PostAsJsonAsync($"/api/v1/inboxes/{inbox.Id}/templates",
            new { name = "pedido_enviado", language = "pt_BR", category = "utility", body = "Outro {{1}}" });
        await Customers.AssertProblemAsync(again, HttpStatusCode.Conflict);

        await TemplateSteps.CreateAsync(fixture, inbox.Id, language: "en", body: "Hi {{1}}, order {{2}} shipped.");
        Assert.Equal(2, await Customers.DbAsync(fixture, db => db.MessageTemplates.CountAsync(t => t.InboxId == inbox.Id)));
    }

    [Fact]
    public async Task AgentsReadTheirInboxTemplatesButCannotManageThemNorSeeOtherInboxes()
    {
        var inbox = await fixture.CreateInboxAsync();
        var other = await fixture.CreateInboxAsync();
        var id = (await TemplateSteps.CreateAsync(fixture, inbox.Id))["id"]!.GetValue<string>();
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        await fixture.SetMembersAsync(inbox.Id, agentId);

        Assert.Single((await AppFixture.GetJsonAsync(agent, $"/api/v1/inboxes/{inbox.Id}/templates"))["items"]!.AsArray());
        await Customers.AssertProblemAsync(await agent.GetAsync($"/api/v1/inboxes/{other.Id}/templates"), HttpStatusCode.NotFound);
        await Customers.AssertProblemAsync(
            await agent.PostAsJsonAsync($"/api/v1/inboxes/{inbox.Id}/templates", new { name = "x", language = "pt_BR", category = "utility", body = "x" }),
            HttpStatusCode.Forbidden);
        await Customers.AssertProblemAsync(await agent.DeleteAsync($"/api/v1/inboxes/{inbox.Id}/templates/{id}"), HttpStatusCode.Forbidden);
        Assert.Equal(1, await Customers.DbAsync(fixture, db => db.MessageTemplates.CountAsync(t => t.InboxId == inbox.Id)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.ClientWithToken(null).GetAsync($"/api/v1/inboxes/{inbox.Id}/templates")).StatusCode);
    }
}
