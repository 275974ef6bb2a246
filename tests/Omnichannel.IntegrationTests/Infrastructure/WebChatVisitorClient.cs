using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>A web-chat inbox created through the admin API.</summary>
public sealed record TestWebChat(Guid Id, string PublicToken, string IdentitySecret);

/// <summary>A widget visitor speaking the visitor API (as widget.js does), with its own token.</summary>
public sealed class WebChatVisitorClient(AppFixture fixture, HttpClient http, string token) : IDisposable
{
    public string Token => token;

    public HttpClient Http => http;

    public static async Task<TestWebChat> CreateInboxAsync(AppFixture fixture, object? settings = null, params Guid[] members)
    {
        var created = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "Site " + Guid.NewGuid().ToString("N")[..6], channel = "webchat", settings = settings ?? new { siteName = "Loja Teste" } });
        var body = await created.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(created.IsSuccessStatusCode, body?.ToJsonString());
        var id = Guid.Parse(body!["id"]!.GetValue<string>());
        var webChat = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{id}/webchat");
        var secret = await fixture.Admin.PostAsync($"/api/v1/inboxes/{id}/webchat/identity-secret", null);
        secret.EnsureSuccessStatusCode();
        if (members.Length > 0)
        {
            await fixture.SetMembersAsync(id, members);
        }

        return new TestWebChat(id, webChat["publicToken"]!.GetValue<string>(), (await secret.Content.ReadFromJsonAsync<JsonObject>())!["identitySecret"]!.GetValue<string>());
    }

    public static async Task<HttpResponseMessage> StartSessionAsync(AppFixture fixture, TestWebChat inbox, object body, string? origin = null)
    {
        var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/widget/v1/inboxes/{inbox.PublicToken}/sessions") { Content = JsonContent.Create(body) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    public static async Task<WebChatVisitorClient> StartAsync(AppFixture fixture, TestWebChat inbox, object? body = null)
    {
        var response = await StartSessionAsync(fixture, inbox, body ?? new { });
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, json?.ToJsonString());
        var token = json!["visitorToken"]!.GetValue<string>();
        var http = fixture.App.CreateClient();
        http.DefaultRequestHeaders.Add("X-Visitor-Token", token);
        return new WebChatVisitorClient(fixture, http, token);
    }

    public Task<HttpResponseMessage> SendAsync(string text, string? clientMessageId = null) =>
        http.PostAsJsonAsync("/widget/v1/messages", new { clientMessageId = clientMessageId ?? Guid.NewGuid().ToString("N"), text });

    public async Task<JsonArray> HistoryAsync(string query = "") => (await AppFixture.GetJsonAsync(http, "/widget/v1/messages" + query))["items"]!.AsArray();

    /// <summary>A SignalR connection to the widget hub authenticated by this visitor's token (long polling through the test server).</summary>
    public HubConnection Hub(string? tokenOverride = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.App.Server.BaseAddress, "hubs/widget"), options =>
        {
            options.HttpMessageHandlerFactory = _ => fixture.App.Server.CreateHandler();
            options.Transports = HttpTransportType.LongPolling;
            options.AccessTokenProvider = () => Task.FromResult<string?>(tokenOverride ?? token);
        })
        .Build();

    public void Dispose() => http.Dispose();
}
