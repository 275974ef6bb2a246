using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Data;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>A customer's conversation as the tests see it: ids plus the number they write from.</summary>
public sealed record CustomerConversation(Guid ConversationId, Guid ContactId, string Phone);

/// <summary>Customers writing in (signed webhooks, processed by the worker) and direct reads of what the database holds.</summary>
public static class Customers
{
    /// <summary>A Brazilian mobile number no other test uses.</summary>
    public static string NewPhone() => "55119" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A made-up word no other message contains, so a test can search for its own messages only.</summary>
    public static string UniqueWord() => "zq" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A made-up name of letters only (names with digits are not accent-folded by the search configuration).</summary>
    public static string UniqueName() => "Zq" + new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16) % 26))).ToArray());

    /// <summary>The customer writes; returns once the message is stored, with its conversation and contact.</summary>
    public static async Task<CustomerConversation> WriteAsync(AppFixture fixture, TestInbox inbox, string phone, string name, string text, DateTimeOffset? at = null)
    {
        var wamid = WhatsAppPayloads.NewWamid();
        (await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, phone, name, wamid, text, at), inbox.AppSecret)).EnsureSuccessStatusCode();
        var stored = await AppFixture.EventuallyAsync(
            () => DbAsync(fixture, db => db.Messages.Where(m => m.InboxId == inbox.Id && m.ProviderMessageId == wamid).Select(m => (Guid?)m.ConversationId).FirstOrDefaultAsync()),
            id => id is not null,
            $"message {wamid} to be stored");
        var contactId = await DbAsync(fixture, db => db.Conversations.Where(c => c.Id == stored!.Value).Select(c => c.ContactId).SingleAsync());
        return new CustomerConversation(stored!.Value, contactId, phone);
    }

    public static async Task<T> DbAsync<T>(AppFixture fixture, Func<OmnichannelDb, Task<T>> read)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }

    public static async Task ResolveAsync(AppFixture fixture, Guid conversationId) =>
        (await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { status = "resolved" })).EnsureSuccessStatusCode();

    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, string json) =>
        await client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<HttpResponseMessage> PatchJsonAsync(HttpClient client, string url, string json) =>
        await client.PatchAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Asserts an RFC 7807 response with the status and (when given) an error for the field.</summary>
    public static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        if (field is not null)
        {
            Assert.True(problem["errors"]?[field] is not null, $"expected an error for '{field}': {text}");
        }

        return problem;
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
