using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Api;

public sealed class UsersApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AdminCreatesAUserAndAnApiTokenThatWorks()
    {
        var email = $"nova-{Guid.NewGuid():N}@test.local";
        var created = await fixture.Admin.PostAsJsonAsync("/api/v1/users", new { email, name = "Nova Agente", role = "agent", password = "password-123" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var issued = await fixture.Admin.PostAsync($"/api/v1/users/{id}/api-tokens", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();

        using var agent = fixture.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/conversations")).StatusCode);
    }

    [Fact]
    public async Task InvalidUserGetsFieldLevelErrors()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/v1/users", new { email = "not-an-email", name = "", role = "boss", password = "123" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["email", "name", "password", "role"], errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task DuplicateEmailIsAConflict()
    {
        var email = $"dup-{Guid.NewGuid():N}@test.local";
        await fixture.Admin.PostAsJsonAsync("/api/v1/users", new { email, name = "A", role = "agent", password = "password-123" });
        var second = await fixture.Admin.PostAsJsonAsync("/api/v1/users", new { email, name = "B", role = "agent", password = "password-123" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task MalformedJsonIsAProblemNotACrash()
    {
        var response = await fixture.Admin.PostAsync("/api/v1/users", new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("supervisor")]
    public async Task OnlyAdminsManageUsers(string role)
    {
        var (_, client) = await fixture.CreateUserAsync(role);
        var response = await client.PostAsJsonAsync("/api/v1/users", new { email = $"x-{Guid.NewGuid():N}@test.local", name = "X", role = "admin", password = "password-123" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/v1/users/{Guid.NewGuid()}/api-tokens", null)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("omni_wrong")]
    public async Task ApiNeedsAValidToken(string? token)
    {
        using var client = fixture.ClientWithToken(token);
        var response = await client.GetAsync("/api/v1/conversations");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ApiIgnoresTheBrowserCookieSoItCannotBeForgedCrossSite()
    {
        using var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var signIn = await AppFixture.SignInAsync(browser, OmnichannelApp.AdminEmail, OmnichannelApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/conversations")).StatusCode);
    }
}
