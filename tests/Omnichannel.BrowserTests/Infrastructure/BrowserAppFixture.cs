using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.BrowserTests.Infrastructure;

/// <summary>
/// The app on a real Kestrel socket (a browser needs one), a fresh database, the fake Graph API and
/// one headless Chromium, shared by the tests of a class. Each test makes its own inbox and agents,
/// and one browser context per agent (contexts do not share cookies).
/// </summary>
public sealed class BrowserAppFixture : AppFixture, IAsyncLifetime
{
    public const string Password = "password-123";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureApp(OmnichannelApp app) => app.UseKestrel(0);

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Assertions wait up to 15 s (default 5): on a loaded CI box the first circuit of a class can take that long.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _playwright.Selectors.SetTestIdAttribute("data-testid");
        // Live updates usually show within a second; the margin is for a busy machine (shared CI cores).
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            // Debian's Chromium: the tests never download a browser.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await DisposeAsync();
    }

    /// <summary>Creates a user who signs in with <see cref="Password"/>.</summary>
    public async Task<TestAgent> CreateAgentAsync(string name, string role = "agent")
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.local";
        var created = await Admin.PostAsJsonAsync("/api/v1/users", new { email, name, role, password = Password });
        created.EnsureSuccessStatusCode();
        var id = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        return new TestAgent(id, email, name);
    }

    /// <summary>A WhatsApp inbox whose members are the given agents.</summary>
    public async Task<TestInbox> CreateInboxWithMembersAsync(params TestAgent[] members)
    {
        var inbox = await CreateInboxAsync();
        await SetMembersAsync(inbox.Id, [.. members.Select(m => m.Id)]);
        return inbox;
    }

    /// <summary>An admin-defined label; the name gets a unique suffix (labels are global) and is returned.</summary>
    public async Task<string> CreateLabelAsync(string name, string color)
    {
        var unique = $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        (await Admin.PostAsJsonAsync("/api/v1/labels", new { name = unique, color })).EnsureSuccessStatusCode();
        return unique;
    }

    /// <summary>A canned response; the short code gets a unique suffix (codes are global) and is returned.</summary>
    public async Task<string> CreateCannedResponseAsync(string shortCode, string content)
    {
        var unique = $"{shortCode}{Random.Shared.Next(1000, 9999)}";
        (await Admin.PostAsJsonAsync("/api/v1/canned-responses", new { shortCode = unique, content })).EnsureSuccessStatusCode();
        return unique;
    }

    /// <summary>The id of the inbox's only conversation, once the webhook has created it.</summary>
    public async Task<Guid> ConversationIdAsync(TestInbox inbox, int expected = 1)
    {
        var page = await EventuallyAsync(
            () => GetJsonAsync(Admin, $"/api/v1/conversations?inboxId={inbox.Id}&status="),
            p => p["items"]!.AsArray().Count == expected,
            "the conversation to exist");
        return Guid.Parse(page["items"]![0]!["id"]!.GetValue<string>());
    }

    /// <summary>A Brazilian mobile number no other test uses.</summary>
    public static string NewPhone() => "55119" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>A customer writes to the inbox (a signed webhook, as Meta sends it).</summary>
    public async Task<string> CustomerWritesAsync(TestInbox inbox, string phone, string name, string text)
    {
        var wamid = WhatsAppPayloads.NewWamid();
        var response = await PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, phone, name, wamid, text), inbox.AppSecret);
        response.EnsureSuccessStatusCode();
        return wamid;
    }

    /// <summary>Meta reports a delivery status for a message we sent.</summary>
    public async Task ReceiptAsync(TestInbox inbox, string wamid, string status) =>
        (await PostWebhookAsync(WhatsAppPayloads.Status(inbox.PhoneNumberId, wamid, status), inbox.AppSecret)).EnsureSuccessStatusCode();

    /// <summary>Opens a browser context for the agent and signs in through the login page.</summary>
    public async Task<AgentPage> SignInAsync(TestAgent agent, string locale = "pt-BR")
    {
        var agentPage = new AgentPage(await (await NewContextAsync(locale)).NewPageAsync(), agent);
        await agentPage.SignInAsync();
        return agentPage;
    }

    /// <summary>A fresh browser profile (own cookies) on the app, as an agent in São Paulo would have.</summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "pt-BR")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            Locale = locale,
            TimezoneId = "America/Sao_Paulo",
            ViewportSize = new() { Width = 1440, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }
}

public sealed record TestAgent(Guid Id, string Email, string Name);
