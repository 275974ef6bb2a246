using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Api;

public sealed class InboxesApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CreatedInboxReturnsItsWebhookUrlAndNeverItsSecrets()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = "Loja",
            channel = "whatsapp",
            settings = new { phoneNumberId = "123456789012345", accessToken = "EAAG-secret-token", appSecret = "app-secret-value", verifyToken = "verify-value" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.EndsWith("/webhooks/whatsapp", created["webhookUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        var list = await fixture.Admin.GetStringAsync("/api/v1/inboxes");
        Assert.Contains("123456789012345", list, StringComparison.Ordinal);
        Assert.Contains("https://graph.facebook.com", list, StringComparison.Ordinal);
        Assert.Contains("v23.0", list, StringComparison.Ordinal);
        foreach (var secret in new[] { "EAAG-secret-token", "app-secret-value", "verify-value", "accessToken", "appSecret" })
        {
            Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        }

        // Encrypted at rest: the raw column holds none of the secrets.
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT settings::text || encrypted_secrets FROM inboxes WHERE routing_key = '123456789012345'", connection);
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("EAAG-secret-token", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("app-secret-value", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSettingsAreReportedPerField()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = "X",
            channel = "whatsapp",
            settings = new { phoneNumberId = "+55 11 9999", graphApiBaseUrl = "ftp://nope", apiVersion = "23" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(
            ["settings.accessToken", "settings.apiVersion", "settings.appSecret", "settings.graphApiBaseUrl", "settings.phoneNumberId", "settings.verifyToken"],
            errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task NameAndSettingsProblemsAreReportedTogether()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "", channel = "whatsapp", settings = new { phoneNumberId = "123" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["name", "settings.accessToken", "settings.appSecret", "settings.verifyToken"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task UnknownChannelIsRejected()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "X", channel = "telegram", settings = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["channel"]);
    }

    [Fact]
    public async Task SamePhoneNumberIdCannotBeConnectedTwice()
    {
        var inbox = await fixture.CreateInboxAsync();
        var again = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = "Dup",
            channel = "whatsapp",
            settings = new { phoneNumberId = inbox.PhoneNumberId, accessToken = "a", appSecret = "b", verifyToken = "c" },
        });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task AnAdminRotatesTheAccessTokenAndTheOtherSecretsStayAsTheyWere()
    {
        var inbox = await fixture.CreateInboxAsync(accessToken: "old-access-token");

        // Only the new token is given; a blank app secret means "keep it".
        var patch = await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { settings = new { accessToken = "new-access-token", appSecret = "" } });
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);

        // Webhooks signed with the unchanged app secret still get in; replies go with the new token.
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Rita", "Oi");
        var reply = "token " + Customers.UniqueWord();
        await Infrastructure.Conversations.ReplyAsync(fixture.Admin, customer.ConversationId, reply);
        var sent = await AppFixture.EventuallyAsync(
            () => Task.FromResult(fixture.Graph.Sends.FirstOrDefault(r => r.Body.Contains(reply, StringComparison.Ordinal))),
            r => r is not null, "the reply to reach the Graph API");
        Assert.Equal("Bearer new-access-token", sent!.Authorization);
        Assert.Contains($"/{inbox.PhoneNumberId}/messages", sent.Path, StringComparison.Ordinal);

        var list = await fixture.Admin.GetStringAsync("/api/v1/inboxes");
        Assert.DoesNotContain("new-access-token", list, StringComparison.Ordinal);
        Assert.DoesNotContain(inbox.AppSecret, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadSettingsEditIsAFieldErrorAndChangesNothing()
    {
        var inbox = await fixture.CreateInboxAsync();
        var other = await fixture.CreateInboxAsync();
        var before = await fixture.Admin.GetStringAsync("/api/v1/inboxes");

        var bad = await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { name = "Renamed", settings = new { graphApiBaseUrl = "ftp://nope", accessToken = "never-stored" } });
        await Customers.AssertProblemAsync(bad, HttpStatusCode.BadRequest, "settings.graphApiBaseUrl");
        var taken = await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { settings = new { phoneNumberId = other.PhoneNumberId } });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var notObject = await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { settings = "x" });
        await Customers.AssertProblemAsync(notObject, HttpStatusCode.BadRequest);
        var (_, agent) = await fixture.CreateUserAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { settings = new { accessToken = "x" } })).StatusCode);

        Assert.Equal(before, await fixture.Admin.GetStringAsync("/api/v1/inboxes"));
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Rita", "Oi");
        Assert.NotEqual(Guid.Empty, customer.ConversationId);
    }

    [Fact]
    public async Task AgentsSeeOnlyTheirInboxesAndCannotManageThem()
    {
        var mine = await fixture.CreateInboxAsync();
        var other = await fixture.CreateInboxAsync();
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        await fixture.SetMembersAsync(mine.Id, agentId);

        var list = await AppFixture.GetJsonAsync(agent, "/api/v1/inboxes");
        var ids = list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(mine.Id.ToString(), ids);
        Assert.DoesNotContain(other.Id.ToString(), ids);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/v1/inboxes/{mine.Id}/members", new { userIds = new[] { agentId } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/v1/inboxes", new { name = "X", channel = "whatsapp", settings = new { } })).StatusCode);
    }

    [Fact]
    public async Task MembershipRejectsUnknownUsersAndMissingInboxes()
    {
        var inbox = await fixture.CreateInboxAsync();
        var unknown = await fixture.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inbox.Id}/members", new { userIds = new[] { Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.NotNull((await unknown.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["userIds"]);

        var missing = await fixture.Admin.PutAsJsonAsync($"/api/v1/inboxes/{Guid.NewGuid()}/members", new { userIds = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var noBody = await fixture.Admin.PutAsJsonAsync($"/api/v1/inboxes/{inbox.Id}/members", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }
}
