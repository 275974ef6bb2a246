using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Workday;

public sealed class ConversationWorkTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<string> LabelAsync(string prefix, string color = "#1F8A70")
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var response = await fixture.Admin.PostAsJsonAsync("/api/v1/labels", new { name, color });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    [Fact]
    public async Task LabelsPriorityAndTeamAreSetFilteredAndLogged()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        await Infrastructure.Conversations.StartAsync(fixture);
        var vip = await LabelAsync("vip");
        var entrega = await LabelAsync("entrega");

        var response = await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { labels = new[] { vip.ToUpperInvariant(), entrega }, priority = "urgent" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(new[] { entrega, vip }.Order(), updated["labels"]!.AsArray().Select(l => l!.GetValue<string>()).Order());
        Assert.Equal("urgent", updated["priority"]!.GetValue<string>());

        var filtered = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?label={vip}");
        Assert.Equal(conversationId.ToString(), Assert.Single(filtered["items"]!.AsArray())!["id"]!.GetValue<string>());

        // Replacing the set removes what is not listed.
        await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { labels = new[] { entrega } });
        Assert.Empty((await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?label={vip}"))["items"]!.AsArray());

        var messages = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/messages");
        Assert.Equal(4, messages["items"]!.AsArray().Count(m => m!["kind"]!.GetValue<string>() == "activity"));
    }

    [Theory]
    [InlineData("{\"labels\": [\"does-not-exist\"]}", "labels", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"labels\": \"vip\"}", "labels", HttpStatusCode.BadRequest)]
    [InlineData("{\"priority\": \"critical\"}", "priority", HttpStatusCode.BadRequest)]
    [InlineData("{\"teamId\": \"00000000-0000-0000-0000-000000000001\"}", "teamId", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"status\": \"snoozed\"}", "snoozedUntil", HttpStatusCode.BadRequest)]
    [InlineData("{\"status\": \"snoozed\", \"snoozedUntil\": \"2001-01-01T00:00:00Z\"}", "snoozedUntil", HttpStatusCode.BadRequest)]
    [InlineData("{\"status\": \"open\", \"snoozedUntil\": \"2999-01-01T00:00:00Z\"}", "snoozedUntil", HttpStatusCode.BadRequest)]
    [InlineData("{\"snoozedUntil\": \"tomorrow\"}", "snoozedUntil", HttpStatusCode.BadRequest)]
    public async Task BadUpdatesAreFieldErrorsAndChangeNothing(string json, string field, HttpStatusCode expected)
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);

        var response = await fixture.Admin.PatchAsync($"/api/v1/conversations/{conversationId}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
        var conversation = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}");
        Assert.Equal("open", conversation["status"]!.GetValue<string>());
        Assert.Empty(conversation["labels"]!.AsArray());
        Assert.Equal("none", conversation["priority"]!.GetValue<string>());
    }

    [Fact]
    public async Task SnoozedConversationWakesUpByItself()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var until = DateTimeOffset.UtcNow.AddSeconds(2);

        var response = await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { status = "snoozed", snoozedUntil = until });

        var snoozed = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("snoozed", snoozed["status"]!.GetValue<string>());
        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}"),
            c => c["status"]!.GetValue<string>() == "open" && c["snoozedUntil"] is null,
            "the snoozed conversation to wake up", timeoutMs: 15_000);
    }

    [Fact]
    public async Task CustomerMessageWakesASnoozedConversationEarly()
    {
        var (inbox, conversationId, phone) = await Infrastructure.Conversations.StartAsync(fixture);
        await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { status = "snoozed", snoozedUntil = DateTimeOffset.UtcNow.AddDays(1) });

        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, phone, "Cliente", WhatsAppPayloads.NewWamid(), "ainda esperando"), inbox.AppSecret);

        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}"),
            c => c["status"]!.GetValue<string>() == "open", "the customer message to reopen the snoozed conversation");
    }

    [Fact]
    public async Task UnreadIsPerAgentAndCountedPerView()
    {
        var (inbox, conversationId, phone) = await Infrastructure.Conversations.StartAsync(fixture);
        var (ana, anaClient) = await fixture.CreateUserAsync("agent", "Ana");
        var (bruno, brunoClient) = await fixture.CreateUserAsync("agent", "Bruno");
        await fixture.SetMembersAsync(inbox.Id, ana, bruno);
        await anaClient.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { assigneeId = ana });

        Assert.Equal(HttpStatusCode.NoContent, (await anaClient.PostAsync($"/api/v1/conversations/{conversationId}/read", null)).StatusCode);

        Assert.Equal(0, (await AppFixture.GetJsonAsync(anaClient, $"/api/v1/conversations/{conversationId}"))["unreadCount"]!.GetValue<int>());
        Assert.Equal(1, (await AppFixture.GetJsonAsync(brunoClient, $"/api/v1/conversations/{conversationId}"))["unreadCount"]!.GetValue<int>());

        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, phone, "Cliente", WhatsAppPayloads.NewWamid(), "mais uma"), inbox.AppSecret);
        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(anaClient, $"/api/v1/conversations/{conversationId}"),
            c => c["unreadCount"]!.GetValue<int>() == 1, "the new message to be unread for Ana");

        var anaCounts = await AppFixture.GetJsonAsync(anaClient, $"/api/v1/conversations/counts?inboxId={inbox.Id}");
        Assert.Equal(1, anaCounts["mine"]!["total"]!.GetValue<int>());
        Assert.Equal(1, anaCounts["mine"]!["unread"]!.GetValue<int>());
        Assert.Equal(0, anaCounts["unassigned"]!["total"]!.GetValue<int>());
        Assert.Equal(1, anaCounts["all"]!["unread"]!.GetValue<int>());
        Assert.Equal(1, Assert.Single(anaCounts["inboxes"]!.AsArray())!["unread"]!.GetValue<int>());
        var brunoCounts = await AppFixture.GetJsonAsync(brunoClient, $"/api/v1/conversations/counts?inboxId={inbox.Id}");
        Assert.Equal(0, brunoCounts["mine"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task MentionsInNotesNotifyOnlyMembersWhoWereMentioned()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (ana, anaClient) = await fixture.CreateUserAsync("agent", "Ana");
        var (bruno, brunoClient) = await fixture.CreateUserAsync("agent", "Bruno");
        var (outsider, outsiderClient) = await fixture.CreateUserAsync("agent", "Fora");
        await fixture.SetMembersAsync(inbox.Id, ana, bruno);

        var note = $"@[Bruno](user:{bruno}) pode olhar? cc @[Fora](user:{outsider}) e eu @[Ana](user:{ana})";
        await Infrastructure.Conversations.ReplyAsync(anaClient, conversationId, note, isPrivate: true);

        var brunoCentre = await AppFixture.GetJsonAsync(brunoClient, "/api/v1/notifications");
        var mention = Assert.Single(brunoCentre["items"]!.AsArray())!;
        Assert.Equal("mention", mention["kind"]!.GetValue<string>());
        Assert.Equal("Ana", mention["actorName"]!.GetValue<string>());
        Assert.StartsWith("@Bruno pode olhar?", mention["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await AppFixture.GetJsonAsync(outsiderClient, "/api/v1/notifications"))["items"]!.AsArray());
        Assert.Empty((await AppFixture.GetJsonAsync(anaClient, "/api/v1/notifications"))["items"]!.AsArray());

        var id = mention["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await brunoClient.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(0, (await AppFixture.GetJsonAsync(brunoClient, "/api/v1/notifications"))["unreadCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
    }

    [Fact]
    public async Task OnlyTheAssigneeRepliesWhenTheInboxSaysSo()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (ana, anaClient) = await fixture.CreateUserAsync("agent", "Ana");
        var (bruno, brunoClient) = await fixture.CreateUserAsync("agent", "Bruno");
        await fixture.SetMembersAsync(inbox.Id, ana, bruno);
        await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { onlyAssigneeReplies = true });

        // Unassigned: the first to reply takes the conversation.
        await Infrastructure.Conversations.ReplyAsync(anaClient, conversationId, "Oi, sou a Ana");
        Assert.Equal(ana.ToString(), (await AppFixture.GetJsonAsync(anaClient, $"/api/v1/conversations/{conversationId}"))["assigneeId"]!.GetValue<string>());

        var refused = await brunoClient.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "Oi, sou o Bruno" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(fixture.Graph.Sends, s => s.Body.Contains("sou o Bruno", StringComparison.Ordinal));

        // Notes are always allowed.
        await Infrastructure.Conversations.ReplyAsync(brunoClient, conversationId, "posso assumir?", isPrivate: true);
    }
}
