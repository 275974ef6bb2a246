using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Omnichannel.BrowserTests.Infrastructure;
using Omnichannel.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Omnichannel.BrowserTests;

/// <summary>Finding conversations from the top bar, the contact beside a conversation and on its own page, and merging duplicates.</summary>
public sealed class ContactsAndSearchTests(BrowserAppFixture fixture) : IClassFixture<BrowserAppFixture>
{
    [Fact]
    public async Task SearchFromTheTopBarFindsAMessageAndOpensIt()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        var order = Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mariana = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Mariana Lopes", $"Oi! Meu pedido {order} ainda não chegou, vocês podem verificar?");
        await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Pedro Almeida", "Recebi o produto com defeito, o que eu faço?");
        await using var page = await fixture.SignInAsync(agent);

        var box = page.Page.GetByTestId("global-search");
        await box.FillAsync($"nao chegou {order}");
        await box.PressAsync("Enter");

        await Expect(page.Page).ToHaveURLAsync(new Regex("/search\\?q=nao"));
        var result = page.Page.GetByTestId("search-result");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToHaveAttributeAsync("data-kind", "message");
        await Expect(result).ToContainTextAsync("Mariana Lopes");
        // The matched words are highlighted as elements made by the page, around text from the customer.
        await Expect(result.Locator("mark")).ToHaveTextAsync([order, "não", "chegou"]);
        await page.ScreenshotAsync("search-1-results");

        await result.ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex($"/conversations/{mariana.ConversationId}$"));
        await Expect(page.Page.GetByTestId("conversation-title")).ToHaveTextAsync("Mariana Lopes");
        var panel = page.Page.GetByTestId("contact-panel");
        await Expect(panel.GetByTestId("contact-panel-name")).ToHaveTextAsync("Mariana Lopes");
        await Expect(panel.GetByTestId("contact-identity")).ToContainTextAsync($"+55 11 {mariana.Phone[4..9]}-{mariana.Phone[9..]}");
        await page.ScreenshotAsync("search-2-opened-with-contact-panel");

        // The panel folds away to a rail and comes back.
        await panel.GetByTestId("contact-panel-toggle").ClickAsync();
        await Expect(panel.GetByTestId("contact-panel-name")).ToHaveCountAsync(0);
        await panel.GetByTestId("contact-panel-toggle").ClickAsync();
        await Expect(panel.GetByTestId("contact-panel-name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SearchByPhoneDigitsFindsTheContact()
    {
        var agent = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "João Pereira", "Bom dia!");
        await using var page = await fixture.SignInAsync(agent);

        await page.Page.GotoAsync($"/search?q={Uri.EscapeDataString($"{customer.Phone[4..9]}-{customer.Phone[9..]}")}");

        var result = page.Page.GetByTestId("search-result");
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result).ToHaveAttributeAsync("data-kind", "contact");
        await Expect(result.Locator("mark")).ToContainTextAsync(customer.Phone[9..]);
    }

    [Fact]
    public async Task ContactPageEditsPersist()
    {
        var agent = await fixture.CreateAgentAsync("Carla Dias");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Lucas", "Quero trocar o tamanho da camiseta");
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Lucas");

        await page.Page.GetByTestId("contact-panel-open").ClickAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex($"/contacts/{customer.ContactId}$"));
        var form = page.Page.GetByTestId("contact-form");
        await form.Locator("#contact-name").FillAsync("Lucas Martins");
        await form.Locator("#contact-email").FillAsync("lucas.martins@example.com");
        await form.Locator("#contact-phone").FillAsync("+55 (21) 99876-5432");
        await form.Locator("#contact-notes").FillAsync("Prefere ser atendido à tarde.\nCliente desde a loja física.");
        await form.GetByTestId("contact-attribute-add").ClickAsync();
        var attribute = form.GetByTestId("contact-attribute").Last;
        await attribute.Locator("input").First.FillAsync("plano");
        await attribute.Locator("input").Last.FillAsync("ouro");
        await form.GetByTestId("contact-save").ClickAsync();
        await Expect(page.Page.GetByTestId("contact-name")).ToHaveTextAsync("Lucas Martins");
        await Expect(form.GetByTestId("contact-save")).ToBeDisabledAsync();
        await page.ScreenshotAsync("contact-1-edited");

        // A bad e-mail is a field error in the agent's language, and nothing is saved.
        await form.Locator("#contact-email").FillAsync("lucas@");
        await form.GetByTestId("contact-save").ClickAsync();
        await Expect(form).ToContainTextAsync("Informe um e-mail");
        await page.ScreenshotAsync("contact-2-invalid-email");

        await page.Page.ReloadAsync();
        await Expect(page.Page.GetByTestId("contact-name")).ToHaveTextAsync("Lucas Martins");
        await Expect(page.Page.Locator("#contact-email")).ToHaveValueAsync("lucas.martins@example.com");
        await Expect(page.Page.Locator("#contact-phone")).ToHaveValueAsync("+55 (21) 99876-5432");
        await Expect(page.Page.Locator("#contact-notes")).ToHaveValueAsync("Prefere ser atendido à tarde.\nCliente desde a loja física.");
        var stored = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{customer.ContactId}");
        Assert.Equal("ouro", stored["customAttributes"]!["plano"]!.GetValue<string>());
        Assert.Equal("lucas.martins@example.com", stored["email"]!.GetValue<string>());

        // The timeline shows what was said, and the conversation list the new name.
        await Expect(page.Page.GetByTestId("timeline-text")).ToHaveTextAsync(["Quero trocar o tamanho da camiseta"]);
        await page.Page.GetByTestId("timeline-item").ClickAsync();
        await Expect(page.Page.GetByTestId("conversation-title")).ToHaveTextAsync("Lucas Martins");
    }

    [Fact]
    public async Task MergingADuplicateContactFromTheUiMovesItsConversations()
    {
        var agent = await fixture.CreateAgentAsync("Ana Souza");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        var second = await fixture.CreateInboxWithMembersAsync(agent);
        var now = DateTimeOffset.UtcNow;
        var home = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Fernanda Costa", "Oi, meu cartão foi recusado", now.AddMinutes(-30));
        var work = await Customers.WriteAsync(fixture, second, Customers.NewPhone(), "Fernanda (trabalho)", "Consegue emitir a nota fiscal no CNPJ?", now.AddMinutes(-10));
        // The same person left the same e-mail on both numbers: a merge suggestion.
        (await fixture.Admin.PatchAsJsonAsync($"/api/v1/contacts/{home.ContactId}", new { email = "fernanda@example.com" })).EnsureSuccessStatusCode();
        (await fixture.Admin.PatchAsJsonAsync($"/api/v1/contacts/{work.ContactId}", new { email = "Fernanda@Example.com", notes = "Compras da empresa." })).EnsureSuccessStatusCode();
        await using var page = await fixture.SignInAsync(agent);
        await page.OpenAsync("Fernanda Costa");

        var banner = page.Page.GetByTestId("merge-suggestion-banner");
        await Expect(banner).ToContainTextAsync("Fernanda (trabalho)");
        await page.ScreenshotAsync("merge-1-suggestion-in-panel");
        await banner.GetByTestId("merge-suggestion-review").ClickAsync();

        var dialog = page.Page.GetByTestId("merge-contact-dialog");
        await Expect(dialog.GetByTestId("merge-preview")).ToContainTextAsync("1 conversa(s)");
        await Expect(dialog.GetByTestId("merge-preview")).ToContainTextAsync($"+55 11 {work.Phone[4..9]}-{work.Phone[9..]}");
        await page.ScreenshotAsync("merge-2-confirm");
        await page.Page.GetByTestId("merge-confirm").ClickAsync();

        await Expect(page.Page.GetByTestId("merge-contact-dialog")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("merge-suggestions")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("contact-identity")).ToHaveCountAsync(2);
        await Expect(page.Page.GetByTestId("timeline-text")).ToHaveTextAsync(["Consegue emitir a nota fiscal no CNPJ?", "Oi, meu cartão foi recusado"]);
        await Expect(page.Page.Locator("#contact-notes")).ToHaveValueAsync("Compras da empresa.");
        await page.ScreenshotAsync("merge-3-merged-contact");

        var gone = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{work.ContactId}");
        Assert.Equal(home.ContactId.ToString(), gone["mergedIntoId"]!.GetValue<string>());
        var moved = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{work.ConversationId}");
        Assert.Equal("Fernanda Costa", moved["contact"]!["name"]!.GetValue<string>());

        // The merged contact's old address leads to the one that stayed.
        await page.Page.GotoAsync($"/contacts/{work.ContactId}");
        await Expect(page.Page).ToHaveURLAsync(new Regex($"/contacts/{home.ContactId}$"));
    }

    [Fact]
    public async Task MergingAConversationFromTheHeaderAndUndoingIt()
    {
        var agent = await fixture.CreateAgentAsync("Bruno Lima");
        var inbox = await fixture.CreateInboxWithMembersAsync(agent);
        var now = DateTimeOffset.UtcNow;
        var first = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Rafael Gomes", "Comprei um tênis ontem", now.AddMinutes(-40));
        var second = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Rafael G.", "É o pedido do tênis azul, número 42", now.AddMinutes(-35));
        await Customers.WriteAsync(fixture, inbox, first.Phone, "Rafael Gomes", "Quando chega?", now.AddMinutes(-30));
        await Customers.ResolveAsync(fixture, second.ConversationId);
        (await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{first.ContactId}/merge", new { otherContactId = second.ContactId })).EnsureSuccessStatusCode();
        await using var page = await fixture.SignInAsync(agent);

        await page.Page.GotoAsync($"/conversations/{second.ConversationId}");
        await Expect(page.Page.GetByTestId("conversation-title")).ToHaveTextAsync("Rafael Gomes");
        await page.Page.GetByLabel("Mais ações").ClickAsync();
        await page.Page.GetByTestId("merge-conversation").ClickAsync();
        var dialog = page.Page.GetByTestId("merge-conversation-dialog");
        await Expect(dialog.GetByTestId("merge-target")).ToHaveCountAsync(1);
        await Expect(dialog.GetByTestId("merge-target")).ToContainTextAsync("Quando chega?");
        await page.ScreenshotAsync("merge-conversation-1-dialog");
        await page.Page.GetByTestId("merge-conversation-confirm").ClickAsync();

        await Expect(page.Page).ToHaveURLAsync(new Regex($"/conversations/{first.ConversationId}$"));
        await Expect(page.MessageWithText("É o pedido do tênis azul, número 42")).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("message-text")).ToHaveTextAsync(["Comprei um tênis ontem", "É o pedido do tênis azul, número 42", "Quando chega?"]);

        // The merged conversation is still reachable from the contact panel, and says where it went.
        await page.Page.GetByTestId("contact-panel-conversation").ClickAsync();
        await Expect(page.Page.GetByTestId("merged-banner")).ToBeVisibleAsync();
        await page.ScreenshotAsync("merge-conversation-2-merged-banner");
        await page.Page.GetByTestId("merged-banner-undo").ClickAsync();
        await Expect(page.Page.GetByTestId("merged-banner")).ToHaveCountAsync(0);
        await Expect(page.MessageWithText("É o pedido do tênis azul, número 42")).ToBeVisibleAsync();
        var survivor = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{first.ConversationId}/messages");
        Assert.DoesNotContain(survivor["items"]!.AsArray(), m => m!["text"]!.GetValue<string>() == "É o pedido do tênis azul, número 42");
    }
}
