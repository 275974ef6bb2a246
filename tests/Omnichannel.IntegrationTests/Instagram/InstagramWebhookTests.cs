using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Instagram;

public sealed class InstagramWebhookTests(InstagramFixture fixture) : IClassFixture<InstagramFixture>
{
    [Fact]
    public async Task VerificationHandshakeEchoesTheChallengeOnlyForTheRightToken()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        using var client = fixture.App.CreateClient();

        var ok = await client.GetAsync($"/webhooks/instagram?hub.mode=subscribe&hub.verify_token={inbox.VerifyToken}&hub.challenge=1158201444");
        var wrong = await client.GetAsync("/webhooks/instagram?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain("1158201444", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProviderFixturesWithTheirOwnSignaturesBecomeACustomerMessageAndAnOutgoingEcho()
    {
        var inbox = await fixture.CreateInstagramInboxAsync(accountId: "17841400000000001");
        fixture.Instagram.Profiles["7302918465001234"] = ("Camila Rocha", "camila.rocha");

        var text = await fixture.PostInstagramAsync(WhatsAppPayloads.Fixture("instagram-text.json"), null,
            "sha256=4d3375c864deea9d9655daae0af73817239d4ee08f5bb09800730a225550ddae");
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        var conversation = await ConversationAsync(inbox);
        Assert.Equal("Camila Rocha", conversation["contact"]!["name"]!.GetValue<string>());

        // An echo with a mid we never sent: an agent answered from the Instagram app.
        var echo = await fixture.PostInstagramAsync(WhatsAppPayloads.Fixture("instagram-echo.json"), null,
            "sha256=6905e72679c6b82b6e6e1e2f667fd405136748f6c0592b9fcf7b51715d1ced99");
        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);

        var messages = await AppFixture.EventuallyAsync(() => MessagesAsync(conversation), m => m.Count == 2, "the echo to appear");
        Assert.Equal("incoming", messages[0]!["direction"]!.GetValue<string>());
        Assert.Equal("Vocês têm o tênis Aurora no tamanho 39?", messages[0]!["text"]!.GetValue<string>());
        Assert.Equal("outgoing", messages[1]!["direction"]!.GetValue<string>());
        Assert.Equal("Temos sim! O Aurora 39 está disponível nas cores preta e areia.", messages[1]!["text"]!.GetValue<string>());
        Assert.Equal("sent", messages[1]!["status"]!.GetValue<string>());
        Assert.Null(messages[1]!["authorId"]);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE i.channel = 'Instagram' AND i.external_id = '7302918465001234'"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("garbage")]
    public async Task BadOrMissingSignatureIsRejectedAndStoresNothing(string? signature)
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var body = InstagramPayloads.Text(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "forged");

        var response = await fixture.PostInstagramAsync(body, appSecret: null, signatureOverride: signature);
        var otherSecret = await fixture.PostInstagramAsync(body, appSecret: "another-app-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSecret.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await CountAsync($"SELECT count(*) FROM inbound_events WHERE inbox_id = '{inbox.Id}'"));
    }

    [Fact]
    public async Task UnknownAccountIsNotFoundAndWrongObjectIsABadRequest()
    {
        var before = await CountAsync("SELECT count(*) FROM inbound_events");
        var unknown = await fixture.PostInstagramAsync(InstagramPayloads.Text("17849999999999999", "123", InstagramPayloads.NewMid(), "hi"), "test-app-secret");
        var wrongObject = await fixture.PostInstagramAsync("{\"object\":\"page\",\"entry\":[]}", "test-app-secret");
        var malformed = await fixture.PostInstagramAsync("{\"object\":\"instagram\",\"entry\":[", "test-app-secret");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("17849999999999999", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongObject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM inbound_events"));
    }

    [Fact]
    public async Task SameMessageDeliveredRepeatedlyIsStoredOnce()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var body = InstagramPayloads.Text(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "uma vez só");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.PostInstagramAsync(body, inbox.AppSecret)).StatusCode);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => fixture.PostInstagramAsync(body, inbox.AppSecret)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var conversation = await ConversationAsync(inbox);
        await Task.Delay(500);
        Assert.Single(await MessagesAsync(conversation));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM inbound_events WHERE inbox_id = '{inbox.Id}'"));
    }

    [Fact]
    public async Task ContactWithoutAProfileIsShownByItsInstagramId()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var igsid = InstagramPayloads.NewIgsid();

        await fixture.PostInstagramAsync(InstagramPayloads.Text(inbox.AccountId, igsid, InstagramPayloads.NewMid(), "oi"), inbox.AppSecret);

        var conversation = await ConversationAsync(inbox);
        Assert.Equal(igsid, conversation["contact"]!["name"]!.GetValue<string>());
        Assert.Contains(igsid, fixture.Instagram.ProfileLookups);
    }

    [Theory]
    [InlineData("share", "https://www.example.com/p/abc", "[shared post] https://www.example.com/p/abc")]
    [InlineData("ig_reel", "https://www.example.com/reel/xyz", "[reel] https://www.example.com/reel/xyz")]
    [InlineData("story_mention", "", "[mentioned you in their story]")]
    public async Task LinksAndMediaWithoutAFileBecomeReadablePlaceholders(string type, string url, string expected)
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        await fixture.PostInstagramAsync(InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), type, url), inbox.AppSecret);

        var conversation = await ConversationAsync(inbox);
        Assert.Equal(expected, Assert.Single(await MessagesAsync(conversation))!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task StoryRepliesAndUnsupportedMessagesAreShownNotDropped()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var igsid = InstagramPayloads.NewIgsid();
        await fixture.PostInstagramAsync(InstagramPayloads.FromCustomer(inbox.AccountId, igsid, new
        {
            message = new { mid = InstagramPayloads.NewMid(), text = "Que lindo! Tem em azul?", reply_to = new { story = new { id = "18000000000000001", url = "https://lookaside.example.com/story/1.jpg" } } },
        }), inbox.AppSecret);
        await fixture.PostInstagramAsync(InstagramPayloads.FromCustomer(inbox.AccountId, igsid, new
        {
            message = new { mid = InstagramPayloads.NewMid(), is_unsupported = true },
        }), inbox.AppSecret);

        var conversation = await ConversationAsync(inbox);
        var texts = (await AppFixture.EventuallyAsync(() => MessagesAsync(conversation), m => m.Count == 2, "both messages")).Select(m => m!["text"]!.GetValue<string>()).ToList();
        // The story itself is stored as an attachment (InstagramMediaTests); its expiring URL is not kept in the text.
        Assert.Contains("[replied to your story]\nQue lindo! Tem em azul?", texts);
        Assert.Contains("[unsupported message: open Instagram to see it]", texts);
    }

    [Fact]
    public async Task UnsentMessageLosesItsContent()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var igsid = InstagramPayloads.NewIgsid();
        var mid = InstagramPayloads.NewMid();
        await fixture.PostInstagramAsync(InstagramPayloads.Text(inbox.AccountId, igsid, mid, "meu CPF é 123"), inbox.AppSecret);
        var conversation = await ConversationAsync(inbox);

        await fixture.PostInstagramAsync(InstagramPayloads.FromCustomer(inbox.AccountId, igsid, new { message = new { mid, is_deleted = true } }), inbox.AppSecret);

        var messages = await AppFixture.EventuallyAsync(() => MessagesAsync(conversation), m => m[0]!["text"]!.GetValue<string>() == "[deleted]", "the message to be unsent");
        Assert.Single(messages);
    }

    [Fact]
    public async Task ReactionsSetAndRemoveTheEmojiOnTheMessage()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var igsid = InstagramPayloads.NewIgsid();
        await fixture.PostInstagramAsync(InstagramPayloads.Text(inbox.AccountId, igsid, InstagramPayloads.NewMid(), "oi"), inbox.AppSecret);
        var conversation = await ConversationAsync(inbox);
        var conversationId = Guid.Parse(conversation["id"]!.GetValue<string>());
        var replyId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "Olá! Como posso ajudar?");
        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, replyId, "sent");
        var mid = sent["providerMessageId"]!.GetValue<string>();

        await fixture.PostInstagramAsync(InstagramPayloads.FromCustomer(inbox.AccountId, igsid, new { reaction = new { mid, action = "react", reaction = "love", emoji = "❤️" } }), inbox.AppSecret);
        await AppFixture.EventuallyAsync(() => Infrastructure.Conversations.MessageAsync(fixture, conversationId, replyId), m => m["reaction"]?.GetValue<string>() == "❤️", "the reaction");

        await fixture.PostInstagramAsync(InstagramPayloads.FromCustomer(inbox.AccountId, igsid, new { reaction = new { mid, action = "unreact" } }), inbox.AppSecret);
        await AppFixture.EventuallyAsync(() => Infrastructure.Conversations.MessageAsync(fixture, conversationId, replyId), m => m["reaction"] is null, "the reaction to go");
    }

    [Fact]
    public async Task ReadEventMarksOurMessagesUpToItRead()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var igsid = InstagramPayloads.NewIgsid();
        await fixture.PostInstagramAsync(InstagramPayloads.Text(inbox.AccountId, igsid, InstagramPayloads.NewMid(), "oi"), inbox.AppSecret);
        var conversationId = Guid.Parse((await ConversationAsync(inbox))["id"]!.GetValue<string>());
        var first = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "primeira");
        var second = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "segunda");
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, first, "sent");
        var secondSent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, second, "sent");
        var firstMid = (await Infrastructure.Conversations.MessageAsync(fixture, conversationId, first))["providerMessageId"]!.GetValue<string>();

        await fixture.PostInstagramAsync(InstagramPayloads.FromCustomer(inbox.AccountId, igsid, new { read = new { mid = firstMid } }), inbox.AppSecret);
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, first, "read");
        Assert.Equal("sent", (await Infrastructure.Conversations.MessageAsync(fixture, conversationId, second))["status"]!.GetValue<string>());

        await fixture.PostInstagramAsync(InstagramPayloads.FromCustomer(inbox.AccountId, igsid, new { read = new { mid = secondSent["providerMessageId"]!.GetValue<string>() } }), inbox.AppSecret);
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, second, "read");
    }

    private async Task<JsonObject> ConversationAsync(TestInstagramInbox inbox)
    {
        var page = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"),
            p => p["items"]!.AsArray().Count == 1,
            "the conversation to appear");
        return page["items"]![0]!.AsObject();
    }

    private async Task<JsonArray> MessagesAsync(JsonObject conversation) =>
        (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversation["id"]}/messages"))["items"]!.AsArray();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
