using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Api;

public sealed class ConversationsApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AgentsCannotSeeOrTouchConversationsOutsideTheirInboxes()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (_, outsider) = await fixture.CreateUserAsync("agent");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/conversations/{conversationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/conversations/{conversationId}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { status = "resolved" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/v1/conversations?inboxId={inbox.Id}")).StatusCode);
        var all = await AppFixture.GetJsonAsync(outsider, "/api/v1/conversations");
        Assert.Empty(all["items"]!.AsArray());

        var conversation = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}");
        Assert.Equal("open", conversation["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task MembersAndSupervisorsSeeTheConversation()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (memberId, member) = await fixture.CreateUserAsync("agent");
        var (_, supervisor) = await fixture.CreateUserAsync("supervisor");
        await fixture.SetMembersAsync(inbox.Id, memberId);

        foreach (var client in new[] { member, supervisor })
        {
            var page = await AppFixture.GetJsonAsync(client, $"/api/v1/conversations?inboxId={inbox.Id}");
            Assert.Equal(conversationId.ToString(), Assert.Single(page["items"]!.AsArray())!["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task ListIsNewestActivityFirstAndKeysetPaginated()
    {
        var inbox = await fixture.CreateInboxAsync();
        for (var i = 0; i < 5; i++)
        {
            var at = DateTimeOffset.UtcNow.AddMinutes(-10 + i);
            await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, $"55119000011{i:00}", $"Cliente {i}", WhatsAppPayloads.NewWamid(), $"mensagem {i}", at), inbox.AppSecret);
        }

        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}&limit=100"),
            p => p["items"]!.AsArray().Count == 5, "five conversations");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.True(page["items"]!.AsArray().Count <= 2);
            seen.AddRange(page["items"]!.AsArray().Select(c => c!["contact"]!["name"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(["Cliente 4", "Cliente 3", "Cliente 2", "Cliente 1", "Cliente 0"], seen);
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("assignee=someone", "assignee")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    public async Task BadListParametersAreFieldErrors(string query, string field)
    {
        var response = await fixture.Admin.GetAsync($"/api/v1/conversations?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
    }

    [Fact]
    public async Task AssignResolveAndUnassignAreRecordedAsActivity()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (agentId, agent) = await fixture.CreateUserAsync("agent", "Ana Souza");
        await fixture.SetMembersAsync(inbox.Id, agentId);

        var assigned = await agent.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { assigneeId = agentId });
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(agentId.ToString(), (await assigned.Content.ReadFromJsonAsync<JsonObject>())!["assigneeId"]!.GetValue<string>());

        var mine = await AppFixture.GetJsonAsync(agent, "/api/v1/conversations?assignee=me");
        Assert.Contains(mine["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == conversationId.ToString());
        var unassigned = await AppFixture.GetJsonAsync(agent, $"/api/v1/conversations?assignee=unassigned&inboxId={inbox.Id}");
        Assert.Empty(unassigned["items"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await agent.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { status = "resolved" })).StatusCode);
        var resolved = await AppFixture.GetJsonAsync(agent, $"/api/v1/conversations?status=resolved&inboxId={inbox.Id}");
        Assert.Single(resolved["items"]!.AsArray());

        var unassign = await agent.PatchAsync($"/api/v1/conversations/{conversationId}", new StringContent("{\"assigneeId\": null}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Null((await unassign.Content.ReadFromJsonAsync<JsonObject>())!["assigneeId"]);

        var messages = await AppFixture.GetJsonAsync(agent, $"/api/v1/conversations/{conversationId}/messages");
        var activity = messages["items"]!.AsArray().Where(m => m!["kind"]!.GetValue<string>() == "activity").Select(m => m!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(3, activity.Count);
        Assert.All(activity, a => Assert.Contains("Ana Souza", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssigneeMustBeAbleToSeeTheInbox()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (outsiderId, _) = await fixture.CreateUserAsync("agent");

        var response = await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { assigneeId = outsiderId });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["assigneeId"]);
        var conversation = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}");
        Assert.Null(conversation["assigneeId"]);
    }

    [Theory]
    [InlineData("{\"status\": \"closed\"}", "status")]
    [InlineData("{\"status\": 3}", "status")]
    [InlineData("{\"assigneeId\": \"nope\"}", "assigneeId")]
    [InlineData("{}", "body")]
    [InlineData("[]", "body")]
    public async Task BadPatchIsAFieldErrorAndChangesNothing(string json, string field)
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);

        var response = await fixture.Admin.PatchAsync($"/api/v1/conversations/{conversationId}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        var messages = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/messages");
        Assert.Single(messages["items"]!.AsArray());
    }

    [Fact]
    public async Task MarkingReadClearsTheUnreadCount()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        Assert.Equal(1, (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}"))["unreadCount"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Admin.PostAsync($"/api/v1/conversations/{conversationId}/read", null)).StatusCode);

        Assert.Equal(0, (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}"))["unreadCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownConversationIsNotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.GetAsync($"/api/v1/conversations/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/messages", new { text = "x" })).StatusCode);
    }
}
