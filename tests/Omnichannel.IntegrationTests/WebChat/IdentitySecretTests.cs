using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Agents;
using Omnichannel.Channels.WebChat;
using Omnichannel.Common;
using Omnichannel.IntegrationTests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace Omnichannel.IntegrationTests.WebChat;

/// <summary>The identity secret of a web-chat inbox: shown once when generated, replaced only by admins, never read back or logged.</summary>
public sealed class IdentitySecretTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task CreatingWithoutASecretAnswersTheGeneratedOneOnceAndAGivenOneIsNeverEchoed()
    {
        var created = await CreateAsync(fixture.Admin, new { siteName = "Loja" });
        var generated = created["generatedSecrets"]!["identitySecret"]!.GetValue<string>();
        Assert.Equal(64, generated.Length);
        var inbox = await InboxAsync(created, generated);
        Assert.Equal(HttpStatusCode.OK, (await SignedSessionAsync(inbox, generated)).StatusCode);
        await AssertNotReadableAsync(inbox.Id, generated);

        const string Given = "my-own-identity-secret-0123";
        var withSecret = await CreateAsync(fixture.Admin, new { siteName = "Loja 2", identitySecret = Given });
        Assert.Empty(withSecret["generatedSecrets"]!.AsObject());
        Assert.DoesNotContain(Given, withSecret.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SignedSessionAsync(await InboxAsync(withSecret, Given), Given)).StatusCode);
    }

    [Fact]
    public async Task EditingTheWidgetKeepsItsSnippetAndItsIdentitySecret()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture);

        var patch = await fixture.Admin.PatchAsJsonAsync($"/api/v1/inboxes/{inbox.Id}", new { settings = new { greeting = "Olá de novo!", color = "#0E7C66", language = "pt-BR" } });
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);

        var webChat = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{inbox.Id}/webchat");
        Assert.Equal(inbox.PublicToken, webChat["publicToken"]!.GetValue<string>());
        Assert.Equal("Olá de novo!", webChat["settings"]!["greeting"]!.GetValue<string>());
        Assert.Equal("#0E7C66", webChat["settings"]!["color"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await SignedSessionAsync(inbox, inbox.IdentitySecret)).StatusCode);
        await AssertNotReadableAsync(inbox.Id, inbox.IdentitySecret);
    }

    [Fact]
    public async Task RegeneratingMakesTheOldSecretsSignaturesFailAndTheNewOnesPass()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture);
        Assert.Equal(HttpStatusCode.OK, (await SignedSessionAsync(inbox, inbox.IdentitySecret)).StatusCode);

        var response = await fixture.Admin.PostAsync($"/api/v1/inboxes/{inbox.Id}/webchat/identity-secret", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = (await response.Content.ReadFromJsonAsync<JsonObject>())!["identitySecret"]!.GetValue<string>();
        Assert.NotEqual(inbox.IdentitySecret, fresh);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignedSessionAsync(inbox, inbox.IdentitySecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignedSessionAsync(inbox, fresh)).StatusCode);
        await AssertNotReadableAsync(inbox.Id, fresh);
    }

    [Fact]
    public async Task OnlyAdminsMayRegenerateAndARefusalKeepsTheSecret()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture);
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        var (supervisorId, supervisor) = await fixture.CreateUserAsync("supervisor");
        await fixture.SetMembersAsync(inbox.Id, agentId);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"/api/v1/inboxes/{inbox.Id}/webchat/identity-secret", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/v1/inboxes/{inbox.Id}/webchat/identity-secret", null)).StatusCode);

        // The use case itself refuses too (the settings screen sends it without the API's policy in front).
        foreach (var (id, role) in new[] { (agentId, Role.Agent), (supervisorId, Role.Supervisor) })
        {
            await using var scope = fixture.App.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(new Actor(id, "Test", role));
            await Assert.ThrowsAsync<ForbiddenException>(async () =>
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegenerateIdentitySecret(inbox.Id)));
        }

        Assert.Equal(HttpStatusCode.OK, (await SignedSessionAsync(inbox, inbox.IdentitySecret)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.PostAsync($"/api/v1/inboxes/{Guid.NewGuid()}/webchat/identity-secret", null)).StatusCode);
    }

    [Fact]
    public async Task NeitherCreationNorRegenerationLogsTheSecret()
    {
        var sink = new CapturingSink();
        await using var app = fixture.App.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink));
        });
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OmnichannelApp.AdminToken);

        var created = await CreateAsync(admin, new { siteName = "Loja" });
        var generated = created["generatedSecrets"]!["identitySecret"]!.GetValue<string>();
        var regenerated = await admin.PostAsync($"/api/v1/inboxes/{created["id"]}/webchat/identity-secret", null);
        var fresh = (await regenerated.Content.ReadFromJsonAsync<JsonObject>())!["identitySecret"]!.GetValue<string>();

        // The sink does see both requests (so a leak would show up here). Request logging writes once the
        // response is done, which the client may see first: wait for those lines.
        await AppFixture.EventuallyAsync(
            () => Task.FromResult(sink.Lines.ToList()),
            lines => lines.Any(l => l.Contains($"/api/v1/inboxes/{created["id"]}/webchat/identity-secret", StringComparison.Ordinal))
                && lines.Any(l => l.Contains("POST /api/v1/inboxes ", StringComparison.Ordinal) || l.Contains("\"/api/v1/inboxes\"", StringComparison.Ordinal)),
            "the request log lines of both calls");
        Assert.DoesNotContain(sink.Lines, l => l.Contains(generated, StringComparison.Ordinal) || l.Contains(fresh, StringComparison.Ordinal));
    }

    private static async Task<JsonObject> CreateAsync(HttpClient admin, object settings)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/inboxes", new { name = "Site " + Guid.NewGuid().ToString("N")[..6], channel = "webchat", settings });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    private async Task<TestWebChat> InboxAsync(JsonObject created, string secret)
    {
        var id = Guid.Parse(created["id"]!.GetValue<string>());
        var webChat = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{id}/webchat");
        return new TestWebChat(id, webChat["publicToken"]!.GetValue<string>(), secret);
    }

    private Task<HttpResponseMessage> SignedSessionAsync(TestWebChat inbox, string secret) =>
        WebChatVisitorClient.StartSessionAsync(fixture, inbox, new { identifier = "customer-7", identifierHash = IdentityHash.Compute(secret, "customer-7") });

    private async Task AssertNotReadableAsync(Guid inboxId, string secret)
    {
        Assert.DoesNotContain(secret, await fixture.Admin.GetStringAsync($"/api/v1/inboxes/{inboxId}/webchat"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await fixture.Admin.GetStringAsync("/api/v1/inboxes"), StringComparison.Ordinal);
    }

    /// <summary>Every log event, rendered with its properties.</summary>
    private sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public void Emit(LogEvent logEvent) =>
            _lines.Enqueue(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " " + string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + logEvent.Exception);
    }
}
