using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Omnichannel.Channels.Instagram;
using Omnichannel.Channels.WhatsApp;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>The app fixture plus a fake Instagram Graph API, with helpers to connect an Instagram inbox and post signed webhooks.</summary>
public sealed class InstagramFixture : AppFixture, IAsyncLifetime
{
    public FakeInstagramApi Instagram { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Instagram = await FakeInstagramApi.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Instagram.DisposeAsync();
        await DisposeAsync();
    }

    public async Task<TestInstagramInbox> CreateInstagramInboxAsync(string? accountId = null, string appSecret = "test-app-secret")
    {
        accountId ??= "1784" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = $"Instagram {accountId}",
            channel = "instagram",
            settings = new { instagramAccountId = accountId, accessToken = "test-access-token", appSecret, verifyToken = "verify-ig-" + accountId, graphApiBaseUrl = Instagram.BaseUrl, apiVersion = "v23.0" },
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var body = JsonNode.Parse(text)!;
        return new TestInstagramInbox(Guid.Parse(body["id"]!.GetValue<string>()), accountId, appSecret, "verify-ig-" + accountId);
    }

    public async Task<HttpResponseMessage> PostInstagramAsync(string body, string? appSecret, string? signatureOverride = null)
    {
        using var client = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, InstagramChannel.WebhookRoute) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var signature = signatureOverride ?? (appSecret is null ? null : MetaSignature.Compute(Encoding.UTF8.GetBytes(body), appSecret));
        if (signature is not null)
        {
            request.Headers.Add(MetaSignature.Header, signature);
        }

        return await client.SendAsync(request);
    }
}

public sealed record TestInstagramInbox(Guid Id, string AccountId, string AppSecret, string VerifyToken);
