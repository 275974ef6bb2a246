using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Omnichannel.Channels.Instagram;
using Omnichannel.Channels.WhatsApp;

namespace Omnichannel.BrowserTests.Infrastructure;

/// <summary>An Instagram inbox on the fake Graph API, and customers writing to it through the signed webhook.</summary>
public static class InstagramSteps
{
    public const string AppSecret = "test-app-secret";

    /// <summary>A new Instagram inbox whose members are the given agents; returns its id and account id.</summary>
    public static async Task<(Guid InboxId, string AccountId)> CreateInboxAsync(BrowserAppFixture fixture, params TestAgent[] members)
    {
        var accountId = "1784" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = "Instagram " + accountId, channel = "instagram",
            settings = new { instagramAccountId = accountId, accessToken = "test-access-token", appSecret = AppSecret, verifyToken = "v", graphApiBaseUrl = fixture.Graph.BaseUrl },
        });
        created.EnsureSuccessStatusCode();
        var inboxId = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        await fixture.SetMembersAsync(inboxId, [.. members.Select(m => m.Id)]);
        return (inboxId, accountId);
    }

    public static async Task PostAsync(BrowserAppFixture fixture, string body)
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, InstagramChannel.WebhookRoute) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(MetaSignature.Header, MetaSignature.Compute(Encoding.UTF8.GetBytes(body), AppSecret));
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
