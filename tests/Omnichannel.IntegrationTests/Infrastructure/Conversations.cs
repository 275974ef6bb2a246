using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>Shortcuts for tests that need a conversation with a customer message in it.</summary>
public static class Conversations
{
    public static async Task<(TestInbox Inbox, Guid ConversationId, string Phone)> StartAsync(AppFixture fixture, string text = "Olá, preciso de ajuda")
    {
        var inbox = await fixture.CreateInboxAsync();
        var phone = "55119" + Random.Shared.Next(10_000_000, 99_999_999);
        var response = await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, phone, "Cliente Teste", WhatsAppPayloads.NewWamid(), text), inbox.AppSecret);
        response.EnsureSuccessStatusCode();
        var page = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"),
            p => p["items"]!.AsArray().Count == 1,
            "the conversation to appear");
        return (inbox, Guid.Parse(page["items"]![0]!["id"]!.GetValue<string>()), phone);
    }

    public static async Task<JsonObject> MessageAsync(AppFixture fixture, Guid conversationId, Guid messageId)
    {
        var messages = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/messages");
        return messages["items"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == messageId.ToString())!.AsObject();
    }

    public static async Task<JsonObject> WaitForMessageStatusAsync(AppFixture fixture, Guid conversationId, Guid messageId, string status) =>
        await AppFixture.EventuallyAsync(
            () => MessageAsync(fixture, conversationId, messageId),
            m => m["status"]?.GetValue<string>() == status,
            $"message {messageId} to be {status}");

    public static async Task<Guid> ReplyAsync(HttpClient client, Guid conversationId, string text, bool isPrivate = false, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conversations/{conversationId}/messages")
        {
            Content = JsonContent.Create(new { text, @private = isPrivate }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"reply → {(int)response.StatusCode}: {body}");
        return Guid.Parse(JsonNode.Parse(body)!["id"]!.GetValue<string>());
    }
}
