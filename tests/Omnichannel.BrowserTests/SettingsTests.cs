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
        await Expect(row.GetByTestId("templates")).ToBeVisibleAsync();
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
    public async Task AnAdminCreatesAWebChatInboxSeesTheSecretOnceAndGeneratesANewOneAfterConfirming()
    {
        var admin = await fixture.CreateAgentAsync("Alice Admin", role: "admin");
        var name = "Site " + Guid.NewGuid().ToString("N")[..6];
        await using var page = await fixture.SignInAsync(admin);

        await page.Page.GotoAsync("/settings/inboxes");
        await page.Page.GetByTestId("new-webchat-inbox").ClickAsync();
        var form = page.Page.GetByTestId("new-inbox-dialog");
        await form.GetByTestId("new-inbox-name").FillAsync(name);
        await form.GetByTestId("new-inbox-site-name").FillAsync("Loja Demo");
        await form.GetByTestId("new-inbox-color").FillAsync("#7c3aed");
        await form.GetByTestId("new-inbox-greeting").FillAsync("Olá! Como podemos ajudar?");
        await form.GetByTestId("new-inbox-prechat").CheckAsync();
        await form.GetByLabel("E-mail", new() { Exact = true }).CheckAsync();
        await page.ScreenshotAsync("settings-webchat-new");
        await page.Page.GetByTestId("dialog-save").ClickAsync();

        // Right after creation: the snippet, the readable settings and the generated secret, once.
        var dialog = page.Page.GetByTestId("inbox-dialog");
        await Expect(dialog.GetByTestId("inbox-webhook-url")).ToContainTextAsync($"<script async src=\"{fixture.BaseUrl.TrimEnd('/')}/widget.js\" data-inbox=\"wc_");
        await Expect(Setting(dialog, "color")).ToContainTextAsync("#7C3AED");
        await Expect(Setting(dialog, "language")).ToContainTextAsync("Inglês");
        await Expect(Setting(dialog, "preChatForm")).ToContainTextAsync("Sim");
        await Expect(Setting(dialog, "preChatRequired")).ToContainTextAsync("E-mail");
        await Expect(Setting(dialog, "allowedOrigins")).ToContainTextAsync("Qualquer site");
        await Expect(dialog.GetByTestId("inbox-secret-shown-once")).ToContainTextAsync("só é exibido desta vez");
        await Expect(dialog.GetByTestId("copy-secret")).ToBeVisibleAsync();
        var secret = (await dialog.GetByTestId("inbox-revealed-secret-value").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9a-f]{64}$", secret);
        await page.ScreenshotAsync("settings-webchat-secret");
        var inbox = await WebChatInboxAsync(name, secret);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SignedSessionAsync(inbox, secret)).StatusCode);

        // Never shown again: reopening says only that it is set.
        await page.Page.Locator(".mud-dialog-actions").GetByRole(AriaRole.Button, new() { Name = "Cancelar" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        // The row names the channel in the UI's language; templates are a WhatsApp matter only.
        var webChatRow = page.Page.Locator($"[data-testid=inbox-row][data-name='{name}']");
        await Expect(webChatRow).ToContainTextAsync("Chat do site ·");
        await Expect(webChatRow.GetByTestId("templates")).ToHaveCountAsync(0);
        await webChatRow.GetByTestId("edit").ClickAsync();
        await Expect(dialog.GetByTestId("inbox-secret")).ToHaveCountAsync(1);
        await Expect(dialog.GetByTestId("inbox-revealed-secret")).ToHaveCountAsync(0);
        await Expect(dialog).Not.ToContainTextAsync(secret);

        // A new one only after confirming; the old one stops working.
        var confirm = page.Page.Locator(".mud-dialog").Filter(new() { HasText = "O segredo atual deixa de funcionar na hora" });
        await dialog.GetByTestId("regenerate-identity-secret").ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancelar", Exact = true }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(dialog.GetByTestId("inbox-revealed-secret")).ToHaveCountAsync(0);
        await dialog.GetByTestId("regenerate-identity-secret").ClickAsync();
        await page.ScreenshotAsync("settings-webchat-regenerate-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Gerar novo segredo", Exact = true }).ClickAsync();
        await Expect(dialog.GetByTestId("inbox-revealed-secret-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\s*[0-9a-f]{64}\\s*$"));
        var fresh = (await dialog.GetByTestId("inbox-revealed-secret-value").TextContentAsync())!.Trim();
        Assert.NotEqual(secret, fresh);
        await Expect(dialog.GetByTestId("inbox-secret-shown-once")).ToBeVisibleAsync();
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await SignedSessionAsync(inbox, secret)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SignedSessionAsync(inbox, fresh)).StatusCode);
    }

    private static ILocator Setting(ILocator dialog, string name) => dialog.Locator($"[data-testid=inbox-setting][data-name={name}]");

    private async Task<IntegrationTests.Infrastructure.TestWebChat> WebChatInboxAsync(string name, string secret)
    {
        var items = (await IntegrationTests.Infrastructure.AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/inboxes"))["items"]!.AsArray();
        var id = Guid.Parse(items.Single(i => i!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<string>());
        var webChat = await IntegrationTests.Infrastructure.AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{id}/webchat");
        return new(id, webChat["publicToken"]!.GetValue<string>(), secret);
    }

    private Task<HttpResponseMessage> SignedSessionAsync(IntegrationTests.Infrastructure.TestWebChat inbox, string secret) =>
        IntegrationTests.Infrastructure.WebChatVisitorClient.StartSessionAsync(fixture, inbox, new
        {
            identifier = "customer-9",
            identifierHash = Omnichannel.Channels.WebChat.IdentityHash.Compute(secret, "customer-9"),
        });

    [Fact]
    public async Task AnAdminChangesAWidgetsGreetingAndRotatesAWhatsAppTokenFromTheInboxDialog()
    {
        var admin = await fixture.CreateAgentAsync("Alice Admin", role: "admin");
        var webChat = await IntegrationTests.Infrastructure.WebChatVisitorClient.CreateInboxAsync(fixture, new { siteName = "Loja", greeting = "Oi!", language = "pt-BR" });
        var whatsApp = await fixture.CreateInboxWithMembersAsync();
        await using var page = await fixture.SignInAsync(admin);
        await page.Page.GotoAsync("/settings/inboxes");
        var dialog = page.Page.GetByTestId("inbox-dialog");

        // The widget: the whole form, filled with what is stored; the snippet and the secret stay.
        await page.Page.Locator($"[data-testid=inbox-row][data-name='{await InboxNameAsync(webChat.Id)}']").GetByTestId("edit").ClickAsync();
        await dialog.GetByTestId("edit-connection").ClickAsync();
        await Expect(dialog.GetByTestId("new-inbox-site-name")).ToHaveValueAsync("Loja");
        await Expect(dialog.GetByTestId("new-inbox-identity-secret")).ToHaveCountAsync(0);
        await dialog.GetByTestId("new-inbox-greeting").FillAsync("Boa tarde! Em que podemos ajudar?");
        await page.ScreenshotAsync("settings-edit-webchat");
        await page.Page.GetByTestId("dialog-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var stored = await IntegrationTests.Infrastructure.AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{webChat.Id}/webchat");
        Assert.Equal("Boa tarde! Em que podemos ajudar?", stored["settings"]!["greeting"]!.GetValue<string>());
        Assert.Equal(webChat.PublicToken, stored["publicToken"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await SignedSessionAsync(webChat, webChat.IdentitySecret)).StatusCode);

        // WhatsApp: only the new access token is typed; the other secrets are kept, replies use the new one.
        await page.Page.Locator($"[data-testid=inbox-row][data-name='WhatsApp {whatsApp.PhoneNumberId}']").GetByTestId("edit").ClickAsync();
        await dialog.GetByTestId("edit-connection").ClickAsync();
        await dialog.Locator("[data-testid=edit-secret][data-name=accessToken]").FillAsync("rotated-access-token");
        await page.Page.GetByTestId("dialog-save").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await fixture.CustomerWritesAsync(whatsApp, BrowserAppFixture.NewPhone(), "Rita", "Oi");
        var reply = "depois da troca " + Guid.NewGuid().ToString("N")[..6];
        await IntegrationTests.Infrastructure.Conversations.ReplyAsync(fixture.Admin, await fixture.ConversationIdAsync(whatsApp), reply);
        var sent = await IntegrationTests.Infrastructure.AppFixture.EventuallyAsync(
            () => Task.FromResult(fixture.Graph.Sends.FirstOrDefault(r => r.Body.Contains(reply, StringComparison.Ordinal))),
            r => r is not null, "the reply to reach the Graph API");
        Assert.Equal("Bearer rotated-access-token", sent!.Authorization);
    }

    private async Task<string> InboxNameAsync(Guid id) =>
        (await IntegrationTests.Infrastructure.AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/inboxes"))["items"]!.AsArray()
            .Single(i => i!["id"]!.GetValue<string>() == id.ToString())!["name"]!.GetValue<string>();

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
