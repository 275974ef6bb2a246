using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Omnichannel.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>The profile page: the language chosen there is the user's, on this browser and the next.</summary>
public sealed class ProfileTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task SwitchingTheLanguageInTheProfileChangesTheUiAndFollowsTheUserToTheNextSignIn()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        await fixture.CreateInboxWithMembersAsync(agent);
        await using (var page = await fixture.SignInAsync(agent, locale: "pt-BR"))
        {
            await page.Page.GetByTestId("signed-in-user").ClickAsync();
            await page.Page.GetByTestId("open-profile").ClickAsync();
            await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Meu perfil", Level = 1 })).ToBeVisibleAsync();
            // An agent's side navigation has the profile only.
            await Expect(page.Page.GetByTestId("settings-nav-Labels")).ToHaveCountAsync(0);
            await Expect(page.Page.GetByTestId("profile-local-time")).ToBeVisibleAsync();
            await page.ScreenshotAsync("profile-portuguese");

            await page.Page.Locator("[data-testid=profile-language][data-culture=en]").ClickAsync();
            await page.Page.GetByTestId("profile-save").ClickAsync();

            await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "My profile", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(page.Page.GetByText("Profile saved.")).ToBeVisibleAsync();
            await Expect(page.Page.GetByTestId("nav-inbox")).ToHaveTextAsync("Inbox");
            await page.ScreenshotAsync("profile-english");

            await page.Page.Locator("form.sign-out button").ClickAsync();
            await Expect(page.Page.Locator("input[name=email]")).ToBeVisibleAsync();
        }

        // Another browser, Portuguese and without cookies: signing in brings the profile's language along.
        await using var elsewhere = await fixture.SignInAsync(agent, locale: "pt-BR");
        await Expect(elsewhere.Page.Locator(".list-title")).ToHaveTextAsync("Conversations");
        await elsewhere.Page.GotoAsync("/profile");
        await Expect(elsewhere.Page.Locator("[data-testid=profile-language][data-culture=en] input")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task SavingAnotherTimeZoneChangesTheLocalTimeShown()
    {
        var agent = await fixture.CreateAgentAsync("Bruno Lima");
        await fixture.CreateInboxWithMembersAsync(agent);
        await using var page = await fixture.SignInAsync(agent);
        await page.Page.GotoAsync("/profile");
        var zone = page.Page.GetByTestId("profile-time-zone");
        // Unset in the profile, the field starts on the browser's zone.
        await Expect(zone).ToHaveValueAsync("America/Sao Paulo (UTC−03:00)");

        await zone.ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Option, new() { Name = "America/Manaus (UTC−04:00)" })).ToBeVisibleAsync();
        // One input event: keystroke by keystroke, a loaded server can echo older text back into the box.
        await zone.FillAsync("Tokyo");
        await Expect(page.Page.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await page.Page.GetByRole(AriaRole.Option, new() { Name = "Asia/Tokyo (UTC+09:00)" }).ClickAsync();
        await Expect(zone).ToHaveValueAsync("Asia/Tokyo (UTC+09:00)");
        var tokyoHour = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).ToString("HH:", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Page.GetByTestId("profile-local-time")).ToContainTextAsync(tokyoHour);
        await page.Page.GetByTestId("profile-save").ClickAsync();
        await Expect(page.Page.GetByText("Perfil salvo.")).ToBeVisibleAsync();

        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Omnichannel.Data.OmnichannelDb>();
            Assert.Equal("Asia/Tokyo", db.Users.Single(u => u.Id == agent.Id).TimeZone);
        }

        // The profile's zone now rules the times shown, also after a reload (the browser still says São Paulo).
        await page.Page.ReloadAsync();
        await Expect(zone).ToHaveValueAsync("Asia/Tokyo (UTC+09:00)");
        await Expect(page.Page.GetByTestId("profile-local-time")).ToContainTextAsync(tokyoHour);
    }
}
