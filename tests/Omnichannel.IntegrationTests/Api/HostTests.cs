using System.Net;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Api;

public sealed class HostTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswer(string path)
    {
        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheApi()
    {
        using var client = fixture.App.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/conversations", paths);
        Assert.Contains("/api/v1/conversations/{id}/messages", paths);
        Assert.Contains("/api/v1/inboxes", paths);
        Assert.Contains("/api/v1/users", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/webhooks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrowserPagesRedirectAnonymousUsersToTheLogin()
    {
        using var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginRefusesOffSiteReturnUrls()
    {
        using var client = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var response = await AppFixture.SignInAsync(client, OmnichannelApp.AdminEmail, OmnichannelApp.AdminPassword, returnUrl: "//evil.example.com/");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
