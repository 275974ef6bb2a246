using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Agents;
using Omnichannel.CannedResponses;
using Omnichannel.Common;
using Omnichannel.Inboxes;
using Omnichannel.IntegrationTests.Infrastructure;
using Omnichannel.Labels;
using Omnichannel.Teams;

namespace Omnichannel.IntegrationTests.Settings;

/// <summary>
/// The settings area is for supervisors and admins: the server refuses its pages to agents (not just
/// hides the link), and the use cases behind its forms refuse them too, whatever a browser sends.
/// </summary>
public sealed class SettingsAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static readonly TheoryData<string> SettingsPages = ["/settings", "/settings/inboxes", "/settings/teams", "/settings/labels", "/settings/canned-responses", "/settings/users"];

    [Theory]
    [MemberData(nameof(SettingsPages))]
    public async Task AgentsAreRefusedEverySettingsPage(string path)
    {
        using var browser = await SignedInBrowserAsync("agent");

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/access-denied", response.Headers.Location!.AbsolutePath);
        var denied = await browser.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
    }

    [Theory]
    [InlineData("supervisor", "/settings/labels")]
    [InlineData("supervisor", "/settings/canned-responses")]
    [InlineData("admin", "/settings/inboxes")]
    [InlineData("admin", "/settings/users")]
    public async Task SupervisorsAndAdminsOpenTheSettingsPages(string role, string path)
    {
        using var browser = await SignedInBrowserAsync(role);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task EveryoneOpensTheirOwnProfile()
    {
        using var browser = await SignedInBrowserAsync("agent");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task TheUseCasesBehindTheSettingsFormsRefuseAgents()
    {
        var (agentId, _) = await fixture.CreateUserAsync("agent", "Agente Curioso");
        var inbox = await fixture.CreateInboxAsync();
        var settings = JsonSerializer.SerializeToElement(new { phoneNumberId = "123456789012345", accessToken = "t", appSecret = "s", verifyToken = "v" });
        ICommand[] refused =
        [
            new DeleteLabel(Guid.NewGuid()),
            new DeleteTeam(Guid.NewGuid()),
            new DeleteCannedResponse(Guid.NewGuid()),
            new UpdateInbox(inbox.Id, Name: "Renomeada", AutoAssignment: true),
            new SetInboxMembers(inbox.Id, [agentId]),
        ];
        object[] refusedWithResults =
        [
            new CreateLabel("sem-permissao", "#DC2626", null),
            new UpdateLabel(Guid.NewGuid(), "sem-permissao", "#DC2626", null),
            new CreateTeam("Equipe Pirata", null, [agentId]),
            new UpdateTeam(Guid.NewGuid(), "Equipe Pirata", null, null),
            new CreateCannedResponse("pirata", "Olá!"),
            new UpdateCannedResponse(Guid.NewGuid(), "pirata", "Olá!"),
            new CreateUser($"novo-{Guid.NewGuid():N}@test.local", "Novo Admin", "admin", "password-123"),
            new CreateInbox("Caixa Pirata", "whatsapp", settings),
        ];

        foreach (var command in refused)
        {
            await Assert.ThrowsAsync<ForbiddenException>(async () => await SendAsAsync(agentId, Role.Agent, m => m.Send(command).AsTask()));
        }

        foreach (var request in refusedWithResults)
        {
            await Assert.ThrowsAsync<ForbiddenException>(async () => await SendAsAsync(agentId, Role.Agent, m => m.Send(request).AsTask()));
        }

        // Nothing changed behind the refusals.
        var inboxes = await AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/inboxes");
        var stored = inboxes["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == inbox.Id.ToString())!;
        Assert.Equal($"WhatsApp {inbox.PhoneNumberId}", stored["name"]!.GetValue<string>());
        Assert.Empty(stored["memberIds"]!.AsArray());
    }

    [Fact]
    public async Task SupervisorsCurateCannedResponsesButLeaveLabelsTeamsInboxesAndUsersToAdmins()
    {
        var (supervisorId, supervisor) = await fixture.CreateUserAsync("supervisor", "Carla Supervisora");
        var shortCode = "sup-" + Guid.NewGuid().ToString("N")[..8];

        var created = await SendAsAsync(supervisorId, Role.Supervisor, m => m.Send(new CreateCannedResponse(shortCode, "Olá {{contact.name}}!")).AsTask());
        Assert.Equal(shortCode, created.ShortCode);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await SendAsAsync(supervisorId, Role.Supervisor, m => m.Send(new CreateLabel("so-admin", "#2563EB", null)).AsTask()));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await SendAsAsync(supervisorId, Role.Supervisor, m => m.Send(new CreateTeam("So Admin", null, null)).AsTask()));

        // The same line through the API.
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/v1/labels", new { name = "so-admin", color = "#2563EB" })).StatusCode);
        var canned = await supervisor.PostAsJsonAsync("/api/v1/canned-responses", new { shortCode = shortCode + "-api", content = "Até logo!" });
        Assert.Equal(HttpStatusCode.Created, canned.StatusCode);
    }

    /// <summary>Runs a use case as the settings pages do: a fresh scope with the signed-in user as the actor.</summary>
    private async Task<T> SendAsAsync<T>(Guid userId, Role role, Func<IMediator, Task<T>> send)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(new Actor(userId, "Test", role));
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private async Task<HttpClient> SignedInBrowserAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.local";
        (await fixture.Admin.PostAsJsonAsync("/api/v1/users", new { email, name = role, role, password = "password-123" })).EnsureSuccessStatusCode();
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var signIn = await AppFixture.SignInAsync(browser, email, "password-123");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        return browser;
    }
}
