using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Workday;

/// <summary>Teams, labels, canned responses, agents and profile: CRUD, validation and who may do what.</summary>
public sealed class WorkdayApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task AdminsManageTeamsAndEveryoneReadsThem()
    {
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        var name = Unique("Financeiro");

        var created = await fixture.Admin.PostAsJsonAsync("/api/v1/teams", new { name, description = "Cobranças", userIds = new[] { agentId } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var list = await AppFixture.GetJsonAsync(agent, "/api/v1/teams");
        var team = list["items"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(agentId.ToString(), Assert.Single(team["memberIds"]!.AsArray())!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/v1/teams", new { name = Unique("x") })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.PostAsJsonAsync("/api/v1/teams", new { name })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await fixture.Admin.PutAsJsonAsync($"/api/v1/teams/{id}", new { name, userIds = new[] { Guid.NewGuid() } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Admin.DeleteAsync($"/api/v1/teams/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.DeleteAsync($"/api/v1/teams/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("", "#FF0000", "name")]
    [InlineData("a,b", "#FF0000", "name")]
    [InlineData("ok", "red", "color")]
    [InlineData("ok", "#GG0000", "color")]
    public async Task LabelValidation(string name, string color, string field)
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/v1/labels", new { name, color });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
    }

    [Fact]
    public async Task LabelNamesAreUniqueIgnoringCaseAndOnlyAdminsManageThem()
    {
        var name = Unique("Reembolso");
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.PostAsJsonAsync("/api/v1/labels", new { name, color = "#aa00cc" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.PostAsJsonAsync("/api/v1/labels", new { name = name.ToLowerInvariant(), color = "#AA00CC" })).StatusCode);
        var (_, supervisor) = await fixture.CreateUserAsync("supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/v1/labels", new { name = Unique("x"), color = "#000000" })).StatusCode);
        var labels = await AppFixture.GetJsonAsync(supervisor, "/api/v1/labels");
        Assert.Contains(labels["items"]!.AsArray(), l => l!["name"]!.GetValue<string>() == name && l["color"]!.GetValue<string>() == "#AA00CC");
    }

    [Fact]
    public async Task SupervisorsManageCannedResponsesAgentsSearchThem()
    {
        var (_, supervisor) = await fixture.CreateUserAsync("supervisor");
        var (_, agent) = await fixture.CreateUserAsync("agent");
        var code = Unique("saudacao");

        var created = await supervisor.PostAsJsonAsync("/api/v1/canned-responses", new { shortCode = code, content = "Olá {{contact.name}}! Aqui é {{agent.name}}." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var found = await AppFixture.GetJsonAsync(agent, $"/api/v1/canned-responses?q={code[..8]}");
        Assert.Contains(found["items"]!.AsArray(), c => c!["shortCode"]!.GetValue<string>() == code);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/v1/canned-responses", new { shortCode = Unique("x"), content = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync("/api/v1/canned-responses", new { shortCode = code, content = "x" })).StatusCode);
        var bad = await supervisor.PostAsJsonAsync("/api/v1/canned-responses", new { shortCode = "Com Espaço", content = "" });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["content", "shortCode"], errors.Select(e => e.Key).Order());
    }

    [Theory]
    [InlineData("{\"culture\": \"fr-FR\"}", "culture")]
    [InlineData("{\"timeZone\": \"Mars/Olympus\"}", "timeZone")]
    [InlineData("{\"name\": \"\"}", "name")]
    [InlineData("{\"availability\": \"sleeping\"}", "availability")]
    public async Task ProfileValidation(string json, string field)
    {
        var (_, agent) = await fixture.CreateUserAsync("agent");
        var response = await agent.PatchAsync("/api/v1/profile", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(body["errors"]?[field] is not null || body["detail"]?.GetValue<string>().Contains(field, StringComparison.OrdinalIgnoreCase) == true, body.ToJsonString());
    }

    [Fact]
    public async Task ProfileChangesAreSavedAndAvailabilityShowsOfflineWithoutAnOpenTab()
    {
        var (agentId, agent) = await fixture.CreateUserAsync("agent", "Helena");
        var response = await agent.PatchAsJsonAsync("/api/v1/profile", new { culture = "en", timeZone = "America/Sao_Paulo", availability = "busy" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await AppFixture.GetJsonAsync(agent, "/api/v1/profile");
        Assert.Equal("en", profile["culture"]!.GetValue<string>());
        Assert.Equal("America/Sao_Paulo", profile["timeZone"]!.GetValue<string>());
        Assert.Equal("busy", profile["availability"]!.GetValue<string>());

        JsonNode Helena(JsonObject agents) => agents["items"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == agentId.ToString())!;
        Assert.Equal("offline", Helena(await AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/agents"))["availability"]!.GetValue<string>());
        var tab = await fixture.ConnectAgentAsync(agentId);
        Assert.Equal("busy", Helena(await AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/agents"))["availability"]!.GetValue<string>());
        await fixture.DisconnectAgentAsync(tab);
        Assert.Equal("offline", Helena(await AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/agents"))["availability"]!.GetValue<string>());
    }

    [Fact]
    public async Task InboxSettingsAreAdminOnlyAndValidated()
    {
        var inbox = await fixture.CreateInboxAsync();
        var (_, agent) = await fixture.CreateUserAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { autoAssignment = true })).StatusCode);
        var bad = await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { maxOpenPerAgent = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var wrongType = await fixture.Admin.PatchAsync($"/api/v1/inboxes/{inbox.Id}", new StringContent("{\"autoAssignment\": \"yes\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { autoAssignment = true, maxOpenPerAgent = 3, onlyAssigneeReplies = true })).StatusCode);
        var listed = (await AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/inboxes"))["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == inbox.Id.ToString())!;
        Assert.True(listed["autoAssignment"]!.GetValue<bool>());
        Assert.Equal(3, listed["maxOpenPerAgent"]!.GetValue<int>());

        await fixture.Admin.PatchAsync($"/api/v1/inboxes/{inbox.Id}", new StringContent("{\"maxOpenPerAgent\": null}", System.Text.Encoding.UTF8, "application/json"));
        listed = (await AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/inboxes"))["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == inbox.Id.ToString())!;
        Assert.Null(listed["maxOpenPerAgent"]);
        Assert.True(listed["onlyAssigneeReplies"]!.GetValue<bool>());
    }
}
