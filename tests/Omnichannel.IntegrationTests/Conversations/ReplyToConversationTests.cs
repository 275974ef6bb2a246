using System.Net;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Conversations;

public sealed class ReplyToConversationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ReplyIsSentOnceToTheGraphApiAndBecomesSentThenDelivered()
    {
        var (inbox, conversationId, phone) = await Infrastructure.Conversations.StartAsync(fixture);

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "Olá! Já estou verificando 😊");

        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        var send = Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal));
        Assert.Equal($"/v23.0/{inbox.PhoneNumberId}/messages", send.Path);
        Assert.Equal("Bearer test-access-token", send.Authorization);
        var body = JsonNode.Parse(send.Body)!;
        Assert.Equal("whatsapp", body["messaging_product"]!.GetValue<string>());
        Assert.Equal(phone, body["to"]!.GetValue<string>());
        Assert.Equal("Olá! Já estou verificando 😊", body["text"]!["body"]!.GetValue<string>());
        Assert.Equal(send.Wamid, sent["providerMessageId"]!.GetValue<string>());

        await fixture.PostWebhookAsync(WhatsAppPayloads.Status(inbox.PhoneNumberId, send.Wamid, "delivered"), inbox.AppSecret);
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "delivered");

        // A late "sent" receipt must not move the status backwards.
        await fixture.PostWebhookAsync(WhatsAppPayloads.Status(inbox.PhoneNumberId, send.Wamid, "sent"), inbox.AppSecret);
        await fixture.PostWebhookAsync(WhatsAppPayloads.Status(inbox.PhoneNumberId, send.Wamid, "read"), inbox.AppSecret);
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "read");
        Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProviderErrorThenSuccessSendsExactlyOnce()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(500, FakeGraphApi.ErrorBody(131000, "Something went wrong"));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "tentativa");

        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        var attempts = fixture.Graph.Sends.Where(s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, attempts.Count);
        await Task.Delay(1000);
        Assert.Equal(2, fixture.Graph.Sends.Count(s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RateLimitedSendIsRetried()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(429, FakeGraphApi.ErrorBody(130429, "Rate limit hit"));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "com limite");

        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
    }

    [Fact]
    public async Task PermanentProviderErrorFailsTheMessageWithTheProvidersReason()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(400, FakeGraphApi.ErrorBody(131030, "Recipient phone number not in allowed list", "Add the number to the allowed list"));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "não vai");

        var failed = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "failed");
        Assert.Contains("131030", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Recipient phone number not in allowed list", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await Task.Delay(800);
        Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedStatusWebhookShowsTheReasonOnTheMessage()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "fora da janela");
        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");

        await fixture.PostWebhookAsync(
            WhatsAppPayloads.Status(inbox.PhoneNumberId, sent["providerMessageId"]!.GetValue<string>(), "failed", messageId, 131047, "Re-engagement message"),
            inbox.AppSecret);

        var failed = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "failed");
        Assert.Equal("(131047) More than 24 hours since the customer's last message: send a template.", failed["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task PrivateNoteIsNeverSentToTheCustomer()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);

        var noteId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "cliente VIP, cuidado", isPrivate: true);
        var marker = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "mensagem pública");
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, marker, "sent");

        var note = await Infrastructure.Conversations.MessageAsync(fixture, conversationId, noteId);
        Assert.Equal("note", note["kind"]!.GetValue<string>());
        Assert.Null(note["status"]);
        Assert.DoesNotContain(fixture.Graph.Sends, s => s.Body.Contains(noteId.ToString(), StringComparison.Ordinal) || s.Body.Contains("cliente VIP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetriedPostWithTheSameIdempotencyKeyReturnsTheFirstResultAndSendsOnce()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var key = Guid.NewGuid().ToString();

        var ids = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "uma vez só", idempotencyKey: key)));

        Assert.Single(ids.Distinct());
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, ids[0], "sent");
        await Task.Delay(500);
        Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(ids[0].ToString(), StringComparison.Ordinal));
        var messages = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/messages");
        Assert.Single(messages["items"]!.AsArray(), m => m!["text"]!.GetValue<string>() == "uma vez só");
    }

    [Theory]
    [InlineData("{\"text\": \"\"}", "text")]
    [InlineData("{\"text\": \"   \"}", "text")]
    [InlineData("{}", "text")]
    public async Task InvalidReplyIsAProblemWithFieldErrorsAndStoresNothing(string json, string field)
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);

        var response = await fixture.Admin.PostAsync($"/api/v1/conversations/{conversationId}/messages", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
        var messages = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/messages");
        Assert.Single(messages["items"]!.AsArray());
    }

    [Fact]
    public async Task TooLongReplyIsRejected()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);

        var response = await fixture.Admin.PostAsync($"/api/v1/conversations/{conversationId}/messages",
            System.Net.Http.Json.JsonContent.Create(new { text = new string('a', 4097) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
