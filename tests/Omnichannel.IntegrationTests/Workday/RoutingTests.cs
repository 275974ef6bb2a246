using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Workday;

public sealed class RoutingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<TestInbox> RoutedInboxAsync(int? capacity, params Guid[] members)
    {
        var inbox = await fixture.CreateInboxAsync();
        await fixture.SetMembersAsync(inbox.Id, members);
        var patch = await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { autoAssignment = true, maxOpenPerAgent = capacity });
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        return inbox;
    }

    private async Task<Guid> CustomerWritesAsync(TestInbox inbox, string phone, string text = "olá")
    {
        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, phone, "Cliente " + phone[^4..], WhatsAppPayloads.NewWamid(), text), inbox.AppSecret);
        var page = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}&limit=100&status=open"),
            p => p["items"]!.AsArray().Any(c => c!["lastMessage"]?["text"]?.GetValue<string>() == text && c["contact"]!["name"]!.GetValue<string>().EndsWith(phone[^4..], StringComparison.Ordinal)),
            $"the conversation of {phone}");
        return Guid.Parse(page["items"]!.AsArray().First(c => c!["contact"]!["name"]!.GetValue<string>().EndsWith(phone[^4..], StringComparison.Ordinal))!["id"]!.GetValue<string>());
    }

    private async Task<Guid?> AssigneeOfAsync(Guid conversationId)
    {
        var conversation = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}");
        return conversation["assigneeId"] is { } id ? Guid.Parse(id.GetValue<string>()) : null;
    }

    [Fact]
    public async Task RoundRobinSkipsOfflineAgentsAndStopsAtCapacity()
    {
        var (ana, _) = await fixture.CreateUserAsync("agent", "Ana");
        var (bruno, _) = await fixture.CreateUserAsync("agent", "Bruno");
        var (offline, _) = await fixture.CreateUserAsync("agent", "Offline");
        await fixture.ConnectAgentAsync(ana);
        await fixture.ConnectAgentAsync(bruno);
        var inbox = await RoutedInboxAsync(capacity: 2, ana, bruno, offline);

        var assignees = new List<Guid?>();
        for (var i = 0; i < 5; i++)
        {
            assignees.Add(await AssigneeOfAsync(await CustomerWritesAsync(inbox, $"55119100000{i:00}")));
        }

        Assert.Equal(2, assignees.Count(a => a == ana));
        Assert.Equal(2, assignees.Count(a => a == bruno));
        Assert.DoesNotContain(offline, assignees.OfType<Guid>());
        Assert.Null(assignees[4]);
        // Strict alternation: each agent waited longest in turn.
        Assert.NotEqual(assignees[0], assignees[1]);
        Assert.Equal(assignees[0], assignees[2]);
    }

    [Fact]
    public async Task BusyAgentsGetNothingAndGoingOnlineDrainsTheBacklogUpToCapacity()
    {
        var (diego, diegoClient) = await fixture.CreateUserAsync("agent", "Diego");
        await fixture.ConnectAgentAsync(diego);
        Assert.Equal(HttpStatusCode.OK, (await diegoClient.PatchAsJsonAsync("/api/v1/profile", new { availability = "busy" })).StatusCode);
        var inbox = await RoutedInboxAsync(capacity: 2, diego);

        var waiting = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            waiting.Add(await CustomerWritesAsync(inbox, $"55119200000{i:00}"));
        }

        foreach (var id in waiting)
        {
            Assert.Null(await AssigneeOfAsync(id));
        }

        Assert.Equal(HttpStatusCode.OK, (await diegoClient.PatchAsJsonAsync("/api/v1/profile", new { availability = "online" })).StatusCode);

        var assigned = new List<Guid?>();
        foreach (var id in waiting)
        {
            assigned.Add(await AssigneeOfAsync(id));
        }

        Assert.Equal([diego, diego, null], assigned);

        // Resolving one frees capacity: the oldest waiting conversation follows.
        Assert.Equal(HttpStatusCode.OK, (await diegoClient.PatchAsJsonAsync($"/api/v1/conversations/{waiting[0]}", new { status = "resolved" })).StatusCode);
        Assert.Equal(diego, await AssigneeOfAsync(waiting[2]));
    }

    [Fact]
    public async Task ConversationReopenedWhileItsAssigneeIsOfflineGoesBackToTheQueue()
    {
        var (elisa, elisaClient) = await fixture.CreateUserAsync("agent", "Elisa");
        var tab = await fixture.ConnectAgentAsync(elisa);
        var inbox = await RoutedInboxAsync(capacity: null, elisa);
        var conversation = await CustomerWritesAsync(inbox, "5511930000001", "primeira");
        Assert.Equal(elisa, await AssigneeOfAsync(conversation));
        Assert.Equal(HttpStatusCode.OK, (await elisaClient.PatchAsJsonAsync($"/api/v1/conversations/{conversation}", new { status = "resolved" })).StatusCode);

        await fixture.DisconnectAgentAsync(tab);
        await CustomerWritesAsync(inbox, "5511930000001", "voltei");

        Assert.Null(await AssigneeOfAsync(conversation));
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM messages WHERE conversation_id = $1 AND kind = 'Activity' AND text = 'returned'", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = conversation });
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ConversationsOfATeamGoOnlyToItsMembers()
    {
        var (fin, _) = await fixture.CreateUserAsync("agent", "Financeiro");
        var (other, _) = await fixture.CreateUserAsync("agent", "Outro");
        await fixture.ConnectAgentAsync(fin);
        await fixture.ConnectAgentAsync(other);
        var inbox = await fixture.CreateInboxAsync();
        await fixture.SetMembersAsync(inbox.Id, fin, other);
        var team = await fixture.Admin.PostAsJsonAsync("/api/v1/teams", new { name = "Financeiro " + Guid.NewGuid().ToString("N")[..6], userIds = new[] { fin } });
        var teamId = (await team.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var conversation = await CustomerWritesAsync(inbox, "5511940000001");
        // Routing is switched on after the conversation arrived: assigning the team routes it.
        await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { autoAssignment = true });

        var response = await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversation}", new { teamId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(teamId, updated["teamId"]!.GetValue<string>());
        Assert.Equal(fin.ToString(), updated["assigneeId"]!.GetValue<string>());
    }

    [Fact]
    public async Task RoutedAgentsAreNotifiedOfTheirNewConversation()
    {
        var (gabi, gabiClient) = await fixture.CreateUserAsync("agent", "Gabi");
        await fixture.ConnectAgentAsync(gabi);
        var inbox = await RoutedInboxAsync(capacity: null, gabi);
        var conversation = await CustomerWritesAsync(inbox, "5511950000001");

        var centre = await AppFixture.GetJsonAsync(gabiClient, "/api/v1/notifications");
        Assert.Equal(1, centre["unreadCount"]!.GetValue<int>());
        var item = Assert.Single(centre["items"]!.AsArray())!;
        Assert.Equal("assigned", item["kind"]!.GetValue<string>());
        Assert.Equal(conversation.ToString(), item["conversationId"]!.GetValue<string>());
    }
}
