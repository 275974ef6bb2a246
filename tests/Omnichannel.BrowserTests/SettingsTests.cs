using Microsoft.Playwright;
using Omnichannel.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>The settings area: admins manage labels in the browser; agents neither see it nor get in by its address.</summary>
public sealed class SettingsTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task AnAdminCreatesALabelWithAColourAndADuplicateNameIsRefusedOnTheField()
    {
        var admin = await fixture.CreateAgentAsync("Alice Admin", role: "admin");
        await using var page = await fixture.SignInAsync(admin);
        var name = "reembolso-" + Guid.NewGuid().ToString("N")[..6];

        await page.Page.GetByTestId("nav-settings").ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Caixas de entrada", Level = 1 })).ToBeVisibleAsync();
        await page.Page.GetByTestId("settings-nav-Labels").ClickAsync();
        await Expect(page.Page.GetByRole(AriaRole.Heading, new() { Name = "Etiquetas", Level = 1 })).ToBeVisibleAsync();

        await page.Page.GetByTestId("new-label").ClickAsync();
        var dialog = page.Page.GetByTestId("label-dialog");
        await dialog.GetByLabel("Nome").FillAsync(name);
        await dialog.Locator("[data-testid=color-swatch][data-color='#DC2626']").ClickAsync();
        await Expect(dialog.GetByLabel("Código hex")).ToHaveValueAsync("#DC2626");
        await Expect(dialog.GetByTestId("label-chip")).ToHaveTextAsync(name);
        await Expect(dialog.GetByTestId("label-chip")).ToHaveAttributeAsync("data-color", "#DC2626");
        await dialog.GetByLabel("Descrição (opcional)").FillAsync("Cliente pediu o dinheiro de volta");
        await page.ScreenshotAsync("settings-label-dialog");
        await page.Page.GetByTestId("dialog-save").ClickAsync();

        var row = page.Page.Locator($"[data-testid=label-row][data-name='{name}']");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(row.GetByTestId("label-chip")).ToHaveAttributeAsync("data-color", "#DC2626");
        await Expect(row).ToContainTextAsync("Cliente pediu o dinheiro de volta");

        // Names are unique ignoring case: the conflict shows under the name, and the dialog stays open.
        await page.Page.GetByTestId("new-label").ClickAsync();
        await dialog.GetByLabel("Nome").FillAsync(name.ToUpperInvariant());
        await page.Page.GetByTestId("dialog-save").ClickAsync();
        await Expect(dialog.GetByText("Já existe uma etiqueta com este nome (maiúsculas e minúsculas não contam).")).ToBeVisibleAsync();
        await page.ScreenshotAsync("settings-label-conflict");
        await page.Page.Locator(".mud-dialog-actions").GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();

        // Stored, not just drawn: a fresh load lists it once.
        await page.Page.ReloadAsync();
        await Expect(row).ToHaveCountAsync(1);
        await page.ScreenshotAsync("settings-labels");
    }

    [Fact]
    public async Task AnAdminGivesAnInboxAutomaticAssignmentACapacityAndMembers()
    {
        var admin = await fixture.CreateAgentAsync("Alice Admin", role: "admin");
        var bia = await fixture.CreateAgentAsync("Bia Nova");
        var inbox = await fixture.CreateInboxWithMembersAsync();
        await using var page = await fixture.SignInAsync(admin);

        await page.Page.GotoAsync("/settings/inboxes");
        var row = page.Page.Locator($"[data-testid=inbox-row][data-name='WhatsApp {inbox.PhoneNumberId}']");
        await row.GetByTestId("edit").ClickAsync();
        var dialog = page.Page.GetByTestId("inbox-dialog");
        await Expect(dialog.GetByTestId("inbox-webhook-url")).ToHaveTextAsync(fixture.BaseUrl.TrimEnd('/') + "/webhooks/whatsapp");
        await Expect(dialog.GetByTestId("inbox-secret")).ToHaveCountAsync(3);
        await Expect(dialog).Not.ToContainTextAsync("test-access-token");
        await dialog.GetByTestId("inbox-auto-assignment").CheckAsync();
        await dialog.GetByTestId("inbox-max-open").FillAsync("3");
        await dialog.Locator($"[data-testid=member-option][data-name='{bia.Name}']").ClickAsync();
        await page.Page.GetByTestId("dialog-save").ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(row.GetByTestId("inbox-tag-auto")).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Até 3 por agente");
        var stored = (await IntegrationTests.Infrastructure.AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/inboxes"))["items"]!.AsArray()
            .Single(i => i!["id"]!.GetValue<string>() == inbox.Id.ToString())!;
        Assert.True(stored["autoAssignment"]!.GetValue<bool>());
        Assert.Equal(3, stored["maxOpenPerAgent"]!.GetValue<int>());
        Assert.Equal([bia.Id.ToString()], stored["memberIds"]!.AsArray().Select(m => m!.GetValue<string>()));
        await page.ScreenshotAsync("settings-inboxes");
    }

    [Fact]
    public async Task AgentsDoNotSeeSettingsAndAreRefusedItsAddress()
    {
        var agent = await fixture.CreateAgentAsync("Ana Agente");
        await fixture.CreateInboxWithMembersAsync(agent);
        await using var page = await fixture.SignInAsync(agent);

        await Expect(page.Page.GetByTestId("nav-settings")).ToHaveCountAsync(0);
        await page.Page.GotoAsync("/settings/labels");

        await Expect(page.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("new-label")).ToHaveCountAsync(0);
    }
}
