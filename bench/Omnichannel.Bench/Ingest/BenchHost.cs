using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.Bench;

/// <summary>A WhatsApp inbox the bench posts to; the app secret signs the webhook bodies.</summary>
public sealed record BenchInbox(Guid Id, string PhoneNumberId, string AppSecret);

/// <summary>
/// The real web host on a loopback Kestrel socket over a fresh migrated database, and a separate
/// Npgsql pool for the baseline and for counting applied rows. Built from the integration-test
/// pieces; not from AppFixture, because it starts the in-memory TestServer before Kestrel can be chosen.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly FakeGraphApi _graph;
    private readonly OmnichannelApp _app;
    private readonly HttpClient _admin;

    private BenchHost(string connectionString, FakeGraphApi graph, OmnichannelApp app, Uri address, int concurrency)
    {
        ConnectionString = connectionString;
        _graph = graph;
        _app = app;
        // One pooled connection per sender, like a provider with that many deliveries in flight.
        Webhooks = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = address };
        _admin = new HttpClient { BaseAddress = address };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OmnichannelApp.AdminToken);
        Database = new NpgsqlDataSourceBuilder(connectionString) { Name = "bench", ConnectionStringBuilder = { MaxPoolSize = concurrency + 4 } }.Build();
    }

    public string ConnectionString { get; }

    /// <summary>Client for the webhook senders (no credentials: Meta authenticates by signature).</summary>
    public HttpClient Webhooks { get; }

    /// <summary>The bench's own pool, separate from the app's.</summary>
    public NpgsqlDataSource Database { get; }

    public static async Task<BenchHost> StartAsync(int concurrency)
    {
        var connectionString = await TestDatabase.CreateAsync();
        var graph = await FakeGraphApi.StartAsync();
        // WebApplicationFactory finds the web app's content root (appsettings.json) through a manifest it
        // looks up relative to the working directory, as test runners set it; dotnet run keeps the caller's.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var app = new OmnichannelApp(connectionString);
        try
        {
            app.UseKestrel(0);
            app.StartServer();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new BenchHost(connectionString, graph, app, new Uri(address), concurrency);
        }
        catch
        {
            // A host that fails to start (e.g. a model change without its migration) must not leave its database behind.
            await app.DisposeAsync();
            await graph.DisposeAsync();
            await TestDatabase.DropAsync(connectionString);
            throw;
        }
    }

    public async Task<BenchInbox> CreateInboxAsync(string phoneNumberId)
    {
        const string appSecret = "bench-app-secret";
        var response = await _admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = $"Bench {phoneNumberId}",
            channel = "whatsapp",
            settings = new { phoneNumberId, accessToken = "bench-token", appSecret, verifyToken = "verify-" + phoneNumberId, graphApiBaseUrl = _graph.BaseUrl, apiVersion = "v23.0" },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return new BenchInbox(Guid.Parse(body!["id"]!.GetValue<string>()), phoneNumberId, appSecret);
    }

    /// <summary>Customer messages committed to <c>messages</c> in the inbox (the partial unique index answers it).</summary>
    public async Task<long> CountMessagesAsync(Guid inboxId)
    {
        await using var command = Database.CreateCommand("/* bench */ SELECT count(*) FROM messages WHERE inbox_id = $1 AND provider_message_id IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = inboxId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Inbound events the worker failed on at least once: a fast but failing pipeline would look good otherwise.</summary>
    public async Task<long> CountFailedEventsAsync()
    {
        await using var command = Database.CreateCommand("/* bench */ SELECT count(*) FROM inbound_events WHERE attempts > 0 OR last_error IS NOT NULL");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls until the inbox holds <paramref name="count"/> customer messages.</summary>
    public async Task WaitForMessagesAsync(Guid inboxId, long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long seen;
        while ((seen = await CountMessagesAsync(inboxId)) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {seen} of {count} messages were applied within {timeout}; is the inbound worker failing? (check inbound_events.last_error)");
            }

            // Short enough to be a small error on a multi-second round, long enough not to load the server.
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Webhooks.Dispose();
        _admin.Dispose();
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
        await Database.DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }
}
