using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Agents;

/// <summary>
/// The UI language follows the user: the language saved in their profile wins at sign-in (and when
/// they change it) over the browser's; without one, the browser's Accept-Language decides.
/// </summary>
public sealed partial class ProfileCultureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task SigningInWithAnEnglishProfileGivesEnglishPagesWhileTheBrowserAsksForPortuguese()
    {
        var (email, api) = await UserAsync();
        (await api.PatchAsJsonAsync("/api/v1/profile", new { culture = "en" })).EnsureSuccessStatusCode();
        using var browser = Browser("pt-BR,pt;q=0.9");

        var signIn = await AppFixture.SignInAsync(browser, email, Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
        Assert.Equal("en", await PageLanguageAsync(browser, "/"));
        Assert.Equal("en", await PageLanguageAsync(browser, "/profile"));
    }

    [Theory]
    [InlineData("pt-BR,pt;q=0.9,en;q=0.8", "pt-BR")]
    [InlineData("en-US,en;q=0.9", "en")]
    public async Task WithoutAProfileLanguageTheBrowserDecides(string acceptLanguage, string expected)
    {
        var (email, _) = await UserAsync();
        using var browser = Browser(acceptLanguage);

        var signIn = await AppFixture.SignInAsync(browser, email, Password);

        Assert.DoesNotContain(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : Enumerable.Empty<string>(), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Equal(expected, await PageLanguageAsync(browser, "/"));
    }

    [Fact]
    public async Task TheProfileLanguageWinsOverTheOneChosenOnTheLoginPage()
    {
        var (email, api) = await UserAsync();
        (await api.PatchAsJsonAsync("/api/v1/profile", new { culture = "pt-BR" })).EnsureSuccessStatusCode();
        using var browser = Browser("en-US,en;q=0.9");
        await browser.GetAsync("/account/culture?culture=en&returnUrl=/login");
        Assert.Equal("en", await PageLanguageAsync(browser, "/login"));

        await AppFixture.SignInAsync(browser, email, Password);

        Assert.Equal("pt-BR", await PageLanguageAsync(browser, "/"));
    }

    [Fact]
    public async Task ChangingTheProfileLanguageSwitchesThisBrowserOnTheWayBack()
    {
        var (email, api) = await UserAsync();
        using var browser = Browser("pt-BR");
        await AppFixture.SignInAsync(browser, email, Password);
        Assert.Equal("pt-BR", await PageLanguageAsync(browser, "/profile"));

        // What the profile page does after saving: the use case, then a trip through /account/apply-profile.
        (await api.PatchAsJsonAsync("/api/v1/profile", new { culture = "en", name = "Renamed Agent" })).EnsureSuccessStatusCode();
        var applied = await browser.GetAsync("/account/apply-profile?returnUrl=%2Fprofile%3Fsaved%3D1");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal("/profile?saved=1", applied.Headers.Location?.OriginalString);
        Assert.Equal("en", await PageLanguageAsync(browser, "/profile"));
    }

    [Fact]
    public async Task ApplyingTheProfileNeedsASignedInUserAndStaysOnThisSite()
    {
        using var anonymous = Browser("pt-BR");
        var refused = await anonymous.GetAsync("/account/apply-profile?returnUrl=/");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/login", refused.Headers.Location!.AbsolutePath);

        var (email, _) = await UserAsync();
        using var browser = Browser("pt-BR");
        await AppFixture.SignInAsync(browser, email, Password);
        var offSite = await browser.GetAsync("/account/apply-profile?returnUrl=//evil.example.com/");
        Assert.Equal("/", offSite.Headers.Location?.OriginalString);
    }

    private const string Password = "password-123";

    private async Task<(string Email, HttpClient Api)> UserAsync()
    {
        var (id, api) = await fixture.CreateUserAsync("agent", "Agente Idioma");
        var users = await AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/users");
        var email = users["items"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == id.ToString())!["email"]!.GetValue<string>();
        return (email, api);
    }

    private HttpClient Browser(string acceptLanguage)
    {
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return browser;
    }

    /// <summary>The language the server rendered a page in (the html element's lang, set from the request's UI culture).</summary>
    private static async Task<string> PageLanguageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} → {(int)response.StatusCode}");
        return HtmlLang().Match(html).Groups[1].Value;
    }

    [GeneratedRegex("<html lang=\"([^\"]*)\"")]
    private static partial Regex HtmlLang();
}
