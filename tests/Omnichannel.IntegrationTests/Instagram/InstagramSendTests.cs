using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Instagram;

public sealed class InstagramSendTests(InstagramFixture fixture) : IClassFixture<InstagramFixture>
{
    [Fact]
    public async Task ReplyIsSentToTheAccountsMessagesEndpointWithTheRecipientsIgsid()
    {
        var (inbox, conversationId, igsid) = await StartAsync();

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "Temos sim! 😊");

        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        var send = Assert.Single(fixture.Instagram.Sends, s => s.Body.Contains(igsid, StringComparison.Ordinal));
        Assert.Equal($"/v23.0/{inbox.AccountId}/messages", send.Path);
        Assert.Equal("Bearer test-access-token", send.Authorization);
        var body = JsonNode.Parse(send.Body)!.AsObject();
        Assert.Equal(igsid, body["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("Temos sim! 😊", body["message"]!["text"]!.GetValue<string>());
        Assert.False(body.ContainsKey("tag"));
        Assert.False(body.ContainsKey("messaging_type"));
        Assert.Equal(send.Wamid, sent["providerMessageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task EchoOfOurOwnSendIsNotDuplicated()
    {
        var (inbox, conversationId, igsid) = await StartAsync();
        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "resposta única");
        var mid = (await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent"))["providerMessageId"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await fixture.PostInstagramAsync(InstagramPayloads.Echo(inbox.AccountId, igsid, mid, "resposta única"), inbox.AppSecret)).StatusCode);

        await WaitUntilAppliedAsync(inbox);
        Assert.Single(await MessagesAsync(conversationId), m => m!["direction"]!.GetValue<string>() == "outgoing");
    }

    [Fact]
    public async Task EchoArrivingBeforeTheSendIsRecordedClaimsOurMessageInsteadOfDuplicatingIt()
    {
        var (inbox, conversationId, igsid) = await StartAsync();
        var mid = InstagramPayloads.NewMid();
        // Instagram answers slowly; its echo reaches the webhook first.
        fixture.Instagram.Answer(200, FakeInstagramApi.SentBody(igsid, mid), TimeSpan.FromSeconds(2));
        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "eco apressado");
        await AppFixture.EventuallyAsync(() => Task.FromResult(fixture.Instagram.Sends.Count(s => s.Body.Contains("eco apressado", StringComparison.Ordinal))), n => n == 1, "the send to start");

        await fixture.PostInstagramAsync(InstagramPayloads.Echo(inbox.AccountId, igsid, mid, "eco apressado"), inbox.AppSecret);
        await WaitUntilAppliedAsync(inbox);

        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        Assert.Equal(mid, sent["providerMessageId"]!.GetValue<string>());
        Assert.Single(await MessagesAsync(conversationId), m => m!["direction"]!.GetValue<string>() == "outgoing");
    }

    [Fact]
    public async Task BetweenOneAndSevenDaysAfterTheCustomersLastMessageTheReplyCarriesTheHumanAgentTag()
    {
        var (_, conversationId, igsid) = await StartAsync();
        await AgeLastCustomerMessageAsync(conversationId, TimeSpan.FromDays(3));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "Desculpe a demora!");

        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        var body = JsonNode.Parse(Assert.Single(fixture.Instagram.Sends, s => s.Body.Contains(igsid, StringComparison.Ordinal)).Body)!;
        Assert.Equal("MESSAGE_TAG", body["messaging_type"]!.GetValue<string>());
        Assert.Equal("HUMAN_AGENT", body["tag"]!.GetValue<string>());
    }

    [Fact]
    public async Task MoreThanSevenDaysAfterTheCustomersLastMessageTheReplyIsRefusedBeforeReachingInstagram()
    {
        var (_, conversationId, igsid) = await StartAsync();
        await AgeLastCustomerMessageAsync(conversationId, TimeSpan.FromDays(8));

        var response = await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "ainda aí?" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("7 days", problem["errors"]!["window"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(await MessagesAsync(conversationId));
        await Task.Delay(300);
        Assert.DoesNotContain(fixture.Instagram.Sends, s => s.Body.Contains(igsid, StringComparison.Ordinal));

        // A private note is not a message to the customer: still allowed.
        var note = await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text = "cliente sumiu", @private = true });
        Assert.Equal(HttpStatusCode.Accepted, note.StatusCode);
    }

    [Theory]
    [InlineData(551, null, "not available on Instagram")]
    [InlineData(10, 2534022, "reply window has closed")]
    [InlineData(190, null, "access token is invalid or expired")]
    public async Task ProviderRefusalsFailTheMessageWithAPlainReason(int code, int? subcode, string expected)
    {
        var (_, conversationId, _) = await StartAsync();
        fixture.Instagram.Answer(400, FakeInstagramApi.ErrorBody(code, "(#" + code + ") provider text", subcode));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "não vai chegar");

        var failed = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "failed");
        Assert.Contains(expected, failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, 2)]
    [InlineData(400, 4)]
    [InlineData(429, 613)]
    public async Task TransientProviderErrorsAreRetriedUntilSent(int status, int code)
    {
        var (_, conversationId, igsid) = await StartAsync();
        fixture.Instagram.Answer(status, FakeInstagramApi.ErrorBody(code, "Please retry"));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "tentativa");

        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        Assert.Equal(2, fixture.Instagram.Sends.Count(s => s.Body.Contains(igsid, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task InboxSecretsAreNeverReturnedAndTheAccountIdIsUnique()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();

        var listed = await fixture.Admin.GetStringAsync("/api/v1/inboxes");
        var duplicate = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = "again", channel = "instagram",
            settings = new { instagramAccountId = inbox.AccountId, accessToken = "x", appSecret = "y", verifyToken = "z" },
        });
        var invalid = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = "bad", channel = "instagram", settings = new { instagramAccountId = "@loja", accessToken = "", appSecret = "y", verifyToken = "z" },
        });

        Assert.Contains(inbox.AccountId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("test-access-token", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(inbox.AppSecret, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("settings.instagramAccountId"));
        Assert.True(errors.ContainsKey("settings.accessToken"));
    }

    private async Task<(TestInstagramInbox Inbox, Guid ConversationId, string Igsid)> StartAsync()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var igsid = InstagramPayloads.NewIgsid();
        (await fixture.PostInstagramAsync(InstagramPayloads.Text(inbox.AccountId, igsid, InstagramPayloads.NewMid(), "Oi, tudo bem?"), inbox.AppSecret)).EnsureSuccessStatusCode();
        var page = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"),
            p => p["items"]!.AsArray().Count == 1,
            "the conversation to appear");
        return (inbox, Guid.Parse(page["items"]![0]!["id"]!.GetValue<string>()), igsid);
    }

    private async Task<JsonArray> MessagesAsync(Guid conversationId) =>
        (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/messages"))["items"]!.AsArray();

    private async Task AgeLastCustomerMessageAsync(Guid conversationId, TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE conversations SET last_incoming_at = now() - $1 WHERE id = $2", connection);
        command.Parameters.AddWithValue(age);
        command.Parameters.AddWithValue(conversationId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task WaitUntilAppliedAsync(TestInstagramInbox inbox) =>
        await AppFixture.EventuallyAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM inbound_events WHERE inbox_id = $1 AND processed_at IS NULL", connection);
            command.Parameters.AddWithValue(inbox.Id);
            return (long)(await command.ExecuteScalarAsync())!;
        }, n => n == 0, "the inbound events to be applied");
}
