using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Channels.WhatsApp;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>
/// One app, one fresh database and one fake Graph API per test class. Tests in a class share
/// them, so each test creates its own inbox/contacts (unique phone ids) and asserts only on those.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public OmnichannelApp App { get; private set; } = null!;

    public FakeGraphApi Graph { get; private set; } = null!;

    /// <summary>An API client authenticated as the bootstrap admin.</summary>
    public HttpClient Admin { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync();
        Graph = await FakeGraphApi.StartAsync();
        App = new OmnichannelApp(database, Settings);
        ConfigureApp(App);
        Admin = ClientWithToken(OmnichannelApp.AdminToken);
    }

    /// <summary>Runs before the host starts (browser tests put it on a real Kestrel socket).</summary>
    protected virtual void ConfigureApp(OmnichannelApp app)
    {
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await App.DisposeAsync();
        await Graph.DisposeAsync();
        await TestDatabase.DropAsync(App.ConnectionString);
        if (Directory.Exists(App.AttachmentsPath))
        {
            Directory.Delete(App.AttachmentsPath, recursive: true);
        }
    }

    public HttpClient ClientWithToken(string? token)
    {
        var client = App.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Creates a WhatsApp inbox talking to the fake Graph API.</summary>
    public async Task<TestInbox> CreateInboxAsync(string? phoneNumberId = null, string appSecret = "test-app-secret", string accessToken = FakeGraphApi.AccessToken)
    {
        phoneNumberId ??= Random.Shared.NextInt64(100_000_000_000_000, 999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = $"WhatsApp {phoneNumberId}",
            channel = "whatsapp",
            settings = new { phoneNumberId, accessToken, appSecret, verifyToken = "verify-" + phoneNumberId, graphApiBaseUrl = Graph.BaseUrl, apiVersion = "v23.0" },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return new TestInbox(Guid.Parse(body!["id"]!.GetValue<string>()), phoneNumberId, appSecret, "verify-" + phoneNumberId);
    }

    /// <summary>Creates a user with the given role and returns its id and an API client for it.</summary>
    public async Task<(Guid Id, HttpClient Client)> CreateUserAsync(string role, string? name = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.local";
        var created = await Admin.PostAsJsonAsync("/api/v1/users", new { email, name = name ?? role, role, password = "password-123" });
        created.EnsureSuccessStatusCode();
        var id = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        var issued = await Admin.PostAsync($"/api/v1/users/{id}/api-tokens", null);
        issued.EnsureSuccessStatusCode();
        var token = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        return (id, ClientWithToken(token));
    }

    /// <summary>Signs in through the login form (antiforgery token included) and returns the redirect response.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var html = await browser.GetStringAsync("/login");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["__RequestVerificationToken"] = antiforgery };
        if (returnUrl is not null)
        {
            form["returnUrl"] = returnUrl;
        }

        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(form));
    }

    /// <summary>Gives the user an open tab (an agent connection, as a Blazor circuit would), so routing sees them online.</summary>
    public async Task<Guid> ConnectAgentAsync(Guid userId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var connectionId = Guid.CreateVersion7();
        await scope.ServiceProvider.GetRequiredService<Omnichannel.Agents.AgentPresence>().ConnectAsync(connectionId, userId, Guid.NewGuid(), CancellationToken.None);
        return connectionId;
    }

    public async Task DisconnectAgentAsync(Guid connectionId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Omnichannel.Agents.AgentPresence>().DisconnectAsync(connectionId, CancellationToken.None);
    }

    public async Task SetMembersAsync(Guid inboxId, params Guid[] userIds) =>
        (await Admin.PutAsJsonAsync($"/api/v1/inboxes/{inboxId}/members", new { userIds })).EnsureSuccessStatusCode();

    /// <summary>POSTs a webhook body signed with the given secret (or the raw header value given).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string? appSecret, string? signatureOverride = null)
    {
        using var client = App.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppChannel.WebhookRoute) { Content = content };
        var signature = signatureOverride ?? (appSecret is null ? null : MetaSignature.Compute(Encoding.UTF8.GetBytes(body), appSecret));
        if (signature is not null)
        {
            request.Headers.Add(MetaSignature.Header, signature);
        }

        return await client.SendAsync(request);
    }

    /// <summary>How many files the attachment store holds (to prove a refusal kept nothing).</summary>
    public int StoredFileCount() =>
        Directory.Exists(App.AttachmentsPath) ? Directory.EnumerateFiles(App.AttachmentsPath, "*", SearchOption.AllDirectories).Count() : 0;

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A <c>count(*)</c> straight from the database, with positional parameters ($1, $2…).</summary>
    public async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var connection = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        foreach (var arg in args)
        {
            command.Parameters.AddWithValue(arg);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<JsonObject> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Polls until the condition holds (background workers are asynchronous), failing after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        T value;
        while (!done(value = await probe()))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}. Last value: {JsonSerializer.Serialize(value)}");
            }

            await Task.Delay(50);
        }

        return value;
    }
}

public sealed record TestInbox(Guid Id, string PhoneNumberId, string AppSecret, string VerifyToken);
