using System.Net.Http.Json;
using Omnichannel.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>The conversation header: labels and team (and the list's filters), priority, assignee with availability, snooze.</summary>
public sealed class ConversationHeaderTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task ALabelAddedInTheHeaderShowsOnTheRowAndFiltersTheList()
    {
        var vip = await fixture.CreateLabelAsync("vip", "#DC2626");
        var exchange = await fixture.CreateLabelAsync("troca", "#2563EB");
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var team = $"Suporte {Guid.NewGuid().ToString("N")[..4]}";
        (await fixture.Admin.PostAsJsonAsync("/api/v1/teams", new { name = team, userIds = new[] { agent.Id } })).EnsureSuccessStatusCode();
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Cliente Ouro", "Quero comprar mais");
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Cliente Prata", "Só uma dúvida");
        await using var page = await fixture.SignInAsync(agent);
        await Expect(page.ConversationRows).ToHaveCountAsync(2);
        await page.OpenAsync("Cliente Ouro");

        await page.Page.GetByTestId("add-label").ClickAsync();
        await page.Page.Locator($"[data-testid=label-option][data-label='{vip}']").ClickAsync();
        var headerLabels = page.Conversation.GetByTestId("conversation-labels").GetByTestId("label-chip");
        await Expect(headerLabels).ToHaveCountAsync(1);
        await Expect(headerLabels).ToHaveAttributeAsync("data-label", vip);
        await page.Page.Keyboard.PressAsync("Escape");
        await Expect(page.RowOf("Cliente Ouro").GetByTestId("label-chip")).ToHaveAttributeAsync("data-label", vip);
        await Expect(page.MessageWithText("Quero comprar mais")).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("activity").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"Ana Souza adicionou a etiqueta {vip}"));

        // Filtering by the label leaves only that conversation; another label, none; clearing, both.
        await page.Page.GetByTestId("label-filter").ClickAsync();
        await page.Page.Locator($"[data-testid=label-filter-option][data-label='{vip}']").ClickAsync();
        await Expect(page.ConversationRows).ToHaveCountAsync(1);
        await Expect(page.RowOf("Cliente Ouro")).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("label-filter")).ToContainTextAsync(vip);
        await page.ScreenshotAsync("header-labels-filter");

        await page.Page.GetByTestId("label-filter").ClickAsync();
        await page.Page.Locator($"[data-testid=label-filter-option][data-label='{exchange}']").ClickAsync();
        await Expect(page.Page.GetByTestId("conversation-list-empty")).ToBeVisibleAsync();
        await page.Page.GetByTestId("clear-filters").ClickAsync();
        await Expect(page.ConversationRows).ToHaveCountAsync(2);

        // The team chosen in the header filters the list the same way.
        await page.Page.GetByTestId("team").ClickAsync();
        await page.Page.GetByTestId("team-option").Filter(new() { HasText = team }).ClickAsync();
        await Expect(page.Page.GetByTestId("team")).ToContainTextAsync(team);
        await page.Page.GetByTestId("team-filter").ClickAsync();
        await page.Page.GetByTestId("team-filter-option").Filter(new() { HasText = team }).ClickAsync();
        await Expect(page.ConversationRows).ToHaveCountAsync(1);
        await Expect(page.RowOf("Cliente Ouro")).ToBeVisibleAsync();
        await page.ScreenshotAsync("header-team-filter");
        await page.Page.GetByTestId("clear-filters").ClickAsync();
        await Expect(page.ConversationRows).ToHaveCountAsync(2);

        // Removing the label in the header takes it off the row.
        await page.Conversation.GetByTestId("label-remove").ClickAsync();
        await Expect(headerLabels).ToHaveCountAsync(0);
        await Expect(page.RowOf("Cliente Ouro").GetByTestId("label-chip")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PriorityAssigneeAndSnoozeAreSetFromTheHeaderWithAvailabilityShownLive()
    {
        var ana = await fixture.CreateAgentAsync("Ana Souza");
        var bruno = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await fixture.CreateInboxWithMembersAsync(ana, bruno);
        await fixture.CustomerWritesAsync(inbox, BrowserAppFixture.NewPhone(), "Rafael Costa", "Meu pedido veio errado");
        await using var anaPage = await fixture.SignInAsync(ana);
        await using var brunoPage = await fixture.SignInAsync(bruno);
        await anaPage.OpenAsync("Rafael Costa");
        var page = anaPage.Page;

        // Priority: the header and the row show it.
        await page.GetByTestId("priority").ClickAsync();
        await page.Locator("[data-testid=priority-option][data-priority=urgent]").ClickAsync();
        await Expect(page.GetByTestId("priority")).ToHaveAttributeAsync("data-priority", "urgent");
        await Expect(page.GetByTestId("priority")).ToContainTextAsync("Urgente");
        await Expect(anaPage.RowOf("Rafael Costa").GetByTestId("priority-icon")).ToHaveAttributeAsync("data-priority", "urgent");

        // The assignee picker shows who is around; Bruno turning busy shows while it is open.
        await page.GetByTestId("assignee").ClickAsync();
        var brunoOption = page.Locator($"[data-testid=assignee-option][data-user-id='{bruno.Id}']");
        await Expect(brunoOption.GetByTestId("availability-dot")).ToHaveAttributeAsync("data-availability", "online");
        await Expect(brunoOption).ToContainTextAsync("0 abertas");
        await brunoPage.Page.GetByTestId("signed-in-user").ClickAsync();
        await brunoPage.Page.Locator("[data-testid=availability-option][data-availability=busy]").ClickAsync();
        await Expect(brunoPage.Page.GetByTestId("my-availability")).ToContainTextAsync("Ocupado");
        await Expect(brunoOption.GetByTestId("availability-dot")).ToHaveAttributeAsync("data-availability", "busy");
        await anaPage.ScreenshotAsync("header-assignee-picker");
        await brunoOption.ClickAsync();
        await Expect(page.GetByTestId("assignee")).ToContainTextAsync("Bruno Lima");
        await Expect(page.GetByTestId("assignee").GetByTestId("availability-dot")).ToHaveAttributeAsync("data-availability", "busy");

        // Snooze until tomorrow 09:00 in the agent's time zone; the activity line says when.
        await anaPage.ChooseFromMenuAsync("snooze", page.GetByTestId("snooze-preset").Nth(1));
        await Expect(anaPage.Conversation.GetByTestId("status-chip")).ToHaveAttributeAsync("data-status", "snoozed");
        await Expect(page.GetByTestId("snoozed-until")).ToHaveTextAsync("Adiada até amanhã às 09:00");
        await Expect(page.GetByTestId("activity").Last).ToContainTextAsync("Ana Souza adiou a conversa até amanhã às 09:00");
        await anaPage.ScreenshotAsync("header-snoozed");

        // Reopen, then snooze to a chosen date and time.
        await page.GetByTestId("reopen").ClickAsync();
        await Expect(anaPage.Conversation.GetByTestId("status-chip")).ToHaveAttributeAsync("data-status", "open");
        await Expect(page.GetByTestId("resolve")).ToBeEnabledAsync();
        await anaPage.ChooseFromMenuAsync("snooze", page.GetByTestId("snooze-custom"));
        await page.GetByTestId("snooze-time").FillAsync("10:30");
        await Expect(page.GetByTestId("snooze-summary")).ToContainTextAsync("amanhã às 10:30");
        await anaPage.ScreenshotAsync("header-snooze-custom");
        await page.GetByTestId("snooze-confirm").ClickAsync();
        await Expect(page.GetByTestId("snoozed-until")).ToHaveTextAsync("Adiada até amanhã às 10:30");
    }
}
