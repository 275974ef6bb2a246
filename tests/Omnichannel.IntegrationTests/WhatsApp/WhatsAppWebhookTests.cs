using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.WhatsApp;

public sealed class WhatsAppWebhookTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task VerificationHandshakeEchoesTheChallengeOnlyForTheRightToken()
    {
        var inbox = await fixture.CreateInboxAsync();
        using var client = fixture.App.CreateClient();

        var ok = await client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={inbox.VerifyToken}&hub.challenge=1158201444");
        var wrong = await client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain("1158201444", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProviderFixtureWithItsOwnSignatureBecomesAConversation()
    {
        var inbox = await fixture.CreateInboxAsync(phoneNumberId: "412233445566778", appSecret: "test-app-secret");
        var body = WhatsAppPayloads.Fixture("whatsapp-text.json");

        var response = await fixture.PostWebhookAsync(body, appSecret: null,
            signatureOverride: "sha256=af849e2d283fc063ab87348160ecbbc1f3d47df84c77da37c4ff633c207cb5f7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conversation = await SingleConversationAsync(inbox);
        Assert.Equal("Mariana Lopes", conversation["contact"]!["name"]!.GetValue<string>());
        Assert.Equal("Oi! Meu pedido 48213 ainda não chegou, vocês podem verificar?", conversation["lastMessage"]!["text"]!.GetValue<string>());
        Assert.Equal(1, conversation["unreadCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("garbage")]
    public async Task BadOrMissingSignatureIsRejectedAndStoresNothing(string? signature)
    {
        var inbox = await fixture.CreateInboxAsync();
        var body = WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511911112222", "Eve", WhatsAppPayloads.NewWamid(), "forged");

        var response = await fixture.PostWebhookAsync(body, appSecret: null, signatureOverride: signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM inbound_events WHERE inbox_id = $1", inbox.Id));
    }

    [Fact]
    public async Task BodySignedWithAnotherSecretIsRejected()
    {
        var inbox = await fixture.CreateInboxAsync();
        var body = WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511911112222", "Eve", WhatsAppPayloads.NewWamid(), "forged");

        var response = await fixture.PostWebhookAsync(body, appSecret: "some-other-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM inbound_events WHERE inbox_id = $1", inbox.Id));
    }

    [Fact]
    public async Task MalformedJsonIsABadRequest()
    {
        var inbox = await fixture.CreateInboxAsync();
        var response = await fixture.PostWebhookAsync("{\"object\": \"whatsapp_business_account\", \"entry\": [", inbox.AppSecret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Malformed JSON", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownPhoneNumberIdIsNotFoundAndStoresNothing()
    {
        var before = await CountAsync("SELECT count(*) FROM inbound_events");
        var body = WhatsAppPayloads.Text("999000111222333", "5511911112222", "Eve", WhatsAppPayloads.NewWamid(), "hello");

        var response = await fixture.PostWebhookAsync(body, "test-app-secret");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("999000111222333", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM inbound_events"));
    }

    [Fact]
    public async Task OversizedBodyIsRejectedWith413()
    {
        var inbox = await fixture.CreateInboxAsync();
        var huge = WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511911112222", "Big", WhatsAppPayloads.NewWamid(), new string('x', 3 * 1024 * 1024 + 10));

        var response = await fixture.PostWebhookAsync(huge, inbox.AppSecret);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM inbound_events WHERE inbox_id = $1", inbox.Id));
    }

    [Fact]
    public async Task SameMessageDeliveredTenTimesSequentiallyAndConcurrentlyIsStoredOnce()
    {
        var inbox = await fixture.CreateInboxAsync();
        var sequential = WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511933334444", "Rita", WhatsAppPayloads.NewWamid(), "primeira");
        var concurrent = WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511933334444", "Rita", WhatsAppPayloads.NewWamid(), "segunda");

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await fixture.PostWebhookAsync(sequential, inbox.AppSecret)).StatusCode);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => fixture.PostWebhookAsync(concurrent, inbox.AppSecret)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var conversation = await SingleConversationAsync(inbox, c => c["lastMessage"]?["text"]?.GetValue<string>() == "segunda");
        var messages = await MessagesAsync(conversation);
        Assert.Equal(["primeira", "segunda"], messages.Select(m => m!["text"]!.GetValue<string>()));
        Assert.Equal(2, conversation["unreadCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task BrazilianNumbersWithAndWithoutTheNinthDigitAreTheSameContact()
    {
        var inbox = await fixture.CreateInboxAsync();
        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, "551188887777", "Zé", WhatsAppPayloads.NewWamid(), "sem nono dígito"), inbox.AppSecret);
        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511988887777", "Zé", WhatsAppPayloads.NewWamid(), "com nono dígito"), inbox.AppSecret);

        var conversation = await SingleConversationAsync(inbox, c => c["lastMessage"]?["text"]?.GetValue<string>() == "com nono dígito");
        Assert.Equal(2, (await MessagesAsync(conversation)).Count);
        Assert.Equal(1, await CountAsync("SELECT count(DISTINCT contact_id) FROM conversations WHERE inbox_id = $1", inbox.Id));
    }

    [Fact]
    public async Task ContactKnownOnlyByBusinessScopedUserIdIsStillOneContact()
    {
        var inbox = await fixture.CreateInboxAsync();
        var userId = "BR." + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
        await fixture.PostWebhookAsync(WhatsAppPayloads.TextFromUserIdOnly(inbox.PhoneNumberId, userId, "Lia", WhatsAppPayloads.NewWamid(), "oi, sem número"), inbox.AppSecret);
        await fixture.PostWebhookAsync(WhatsAppPayloads.TextFromUserIdOnly(inbox.PhoneNumberId, userId, "Lia", WhatsAppPayloads.NewWamid(), "de novo"), inbox.AppSecret);
        // Later the same person writes with a number too: still the same contact, now with both identities.
        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, "5521977776666", "Lia", WhatsAppPayloads.NewWamid(), "agora com número", userId: userId), inbox.AppSecret);

        var conversation = await SingleConversationAsync(inbox, c => c["lastMessage"]?["text"]?.GetValue<string>() == "agora com número");
        Assert.Equal(3, (await MessagesAsync(conversation)).Count);
        var contactId = Guid.Parse(conversation["contact"]!["id"]!.GetValue<string>());
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM contact_identities WHERE contact_id = $1", contactId));
    }

    [Fact]
    public async Task MediaMessagesPreviewWithASymbolAndTheirCaption()
    {
        var inbox = await fixture.CreateInboxAsync();
        await fixture.PostWebhookAsync(WhatsAppPayloads.Image(inbox.PhoneNumberId, "5511955556666", WhatsAppPayloads.NewWamid(), "A caixa chegou amassada"), inbox.AppSecret);

        var conversation = await SingleConversationAsync(inbox);
        Assert.Equal("📷 A caixa chegou amassada", conversation["lastMessage"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task NewMessageReopensAResolvedConversation()
    {
        var inbox = await fixture.CreateInboxAsync();
        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511944443333", "Ida", WhatsAppPayloads.NewWamid(), "primeira"), inbox.AppSecret);
        var conversation = await SingleConversationAsync(inbox);
        var id = conversation["id"]!.GetValue<string>();
        var resolved = await fixture.Admin.PatchAsync($"/api/v1/conversations/{id}", System.Net.Http.Json.JsonContent.Create(new { status = "resolved" }));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511944443333", "Ida", WhatsAppPayloads.NewWamid(), "voltei"), inbox.AppSecret);

        var reopened = await SingleConversationAsync(inbox, c => c["status"]!.GetValue<string>() == "open" && c["lastMessage"]!["text"]!.GetValue<string>() == "voltei");
        Assert.Equal(id, reopened["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task HostileProfileNamesAndControlCharactersDoNotBlockIngestion()
    {
        var inbox = await fixture.CreateInboxAsync();
        var body = WhatsAppPayloads.Text(inbox.PhoneNumberId, "5511966665555", new string('N', 500), WhatsAppPayloads.NewWamid(), "oi\u0000 tudo bem?");

        Assert.Equal(HttpStatusCode.OK, (await fixture.PostWebhookAsync(body, inbox.AppSecret)).StatusCode);

        var conversation = await SingleConversationAsync(inbox);
        Assert.Equal(200, conversation["contact"]!["name"]!.GetValue<string>().Length);
        Assert.Equal("oi tudo bem?", conversation["lastMessage"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEventThatCannotBeAppliedIsRetriedWithoutHoldingBackTheOthers()
    {
        var inbox = await fixture.CreateInboxAsync();
        await using (var connection = new NpgsqlConnection(fixture.App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var poison = new NpgsqlCommand(
                "INSERT INTO inbound_events (inbox_id, provider_key, payload, received_at, attempts, next_attempt_at) VALUES ($1, 'message:poison', 'not json', now(), 0, now())",
                connection);
            poison.Parameters.Add(new NpgsqlParameter { Value = inbox.Id });
            await poison.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < 3; i++)
        {
            await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, $"551197777000{i}", $"C{i}", WhatsAppPayloads.NewWamid(), $"ok {i}"), inbox.AppSecret);
        }

        await AppFixture.EventuallyAsync(
            () => CountAsync("SELECT count(*) FROM inbound_events WHERE inbox_id = $1 AND processed_at IS NOT NULL", inbox.Id),
            n => n == 3, "the three good events to be marked processed");
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM messages WHERE inbox_id = $1", inbox.Id));
        await AppFixture.EventuallyAsync(
            () => CountAsync("SELECT count(*) FROM inbound_events WHERE inbox_id = $1 AND provider_key = 'message:poison' AND attempts >= 1 AND processed_at IS NULL AND last_error IS NOT NULL", inbox.Id),
            n => n == 1, "the poison event to be scheduled for a retry");
    }

    private async Task<JsonObject> SingleConversationAsync(TestInbox inbox, Func<JsonObject, bool>? until = null)
    {
        var page = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"),
            p => p["items"]!.AsArray().Count == 1 && (until is null || until(p["items"]![0]!.AsObject())),
            "one conversation in the inbox");
        return page["items"]![0]!.AsObject();
    }

    private async Task<JsonArray> MessagesAsync(JsonObject conversation) =>
        (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversation["id"]}/messages"))["items"]!.AsArray();

    private async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
