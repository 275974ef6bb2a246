using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Search;

public sealed class SearchApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task FindsNaoWithoutTheAccentAndHighlightsTheWord()
    {
        var inbox = await fixture.CreateInboxAsync();
        var word = Customers.UniqueWord();
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Mariana Lopes", $"Oi! Meu pedido {word} ainda não chegou, vocês podem verificar?");

        var hit = Assert.Single(await SearchAsync(fixture.Admin, $"nao {word}"));

        Assert.Equal(customer.ConversationId.ToString(), hit["conversationId"]!.GetValue<string>());
        Assert.NotNull(hit["messageId"]);
        Assert.Equal("message", hit["kind"]!.GetValue<string>());
        Assert.Equal("Mariana Lopes", hit["contactName"]!.GetValue<string>());
        Assert.Equal(inbox.Id.ToString(), hit["inboxId"]!.GetValue<string>());
        Assert.Equal($"Oi! Meu pedido «{word}» ainda «não» chegou, vocês podem verificar?", hit["snippet"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnglishAndPortugueseStemsMatchOtherFormsOfTheWord()
    {
        var inbox = await fixture.CreateInboxAsync();
        var word = Customers.UniqueWord();
        await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "John Smith", $"The parcel {word} was delivered to the wrong address");
        await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Joana Dias", $"Os pedidos {word} atrasaram de novo");

        var english = Assert.Single(await SearchAsync(fixture.Admin, $"delivering {word}"));
        Assert.Contains("«delivered»", english["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        var portuguese = Assert.Single(await SearchAsync(fixture.Admin, $"pedido atrasado {word}"));
        Assert.Contains("«pedidos»", portuguese["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("«atrasaram»", portuguese["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsAreNewestFirstAndLimited()
    {
        var inbox = await fixture.CreateInboxAsync();
        var word = Customers.UniqueWord();
        var phone = Customers.NewPhone();
        for (var i = 0; i < 4; i++)
        {
            await Customers.WriteAsync(fixture, inbox, phone, "Cliente", $"mensagem {i} {word}", DateTimeOffset.UtcNow.AddMinutes(-10 + i));
        }

        var items = await SearchAsync(fixture.Admin, word, limit: 3);

        Assert.Equal(["mensagem 3", "mensagem 2", "mensagem 1"], items.Select(i => i["snippet"]!.GetValue<string>()[..10]));
    }

    [Fact]
    public async Task PhoneDigitsFindTheContactWhateverTheFormatting()
    {
        var inbox = await fixture.CreateInboxAsync();
        var phone = Customers.NewPhone(); // 55119XXXXXXXX
        var customer = await Customers.WriteAsync(fixture, inbox, phone, "Pedro Almeida", "Bom dia");

        // "(11) 9XXXX-XXXX" as an agent would type it from a business card.
        var typed = $"({phone[2..4]}) {phone[4..9]}-{phone[9..]}";
        var hit = Assert.Single(await SearchAsync(fixture.Admin, typed), h => h["kind"]!.GetValue<string>() == "contact");

        Assert.Equal(customer.ConversationId.ToString(), hit["conversationId"]!.GetValue<string>());
        Assert.Null(hit["messageId"]);
        Assert.Equal(customer.ContactId.ToString(), hit["contactId"]!.GetValue<string>());
        Assert.Contains("«+55 11 ", hit["snippet"]!.GetValue<string>(), StringComparison.Ordinal);

        // A substring of the number in the middle works too.
        Assert.Single(await SearchAsync(fixture.Admin, phone[6..11]), h => h["contactId"]?.GetValue<string>() == customer.ContactId.ToString());
    }

    [Fact]
    public async Task ContactNamesMatchByWordPrefixWithoutAccents()
    {
        var inbox = await fixture.CreateInboxAsync();
        var surname = "Zé" + Customers.UniqueName().ToLowerInvariant();
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), $"Joana {surname}", "Olá");

        var hit = Assert.Single(await SearchAsync(fixture.Admin, "ze" + surname[2..7]));

        Assert.Equal("contact", hit["kind"]!.GetValue<string>());
        Assert.Equal(customer.ConversationId.ToString(), hit["conversationId"]!.GetValue<string>());
        Assert.Equal($"Joana «{surname}»", hit["snippet"]!.GetValue<string>());
    }

    [Fact]
    public async Task AgentsNeverGetResultsFromInboxesTheyAreNotMembersOf()
    {
        var mine = await fixture.CreateInboxAsync();
        var theirs = await fixture.CreateInboxAsync();
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        var (_, supervisor) = await fixture.CreateUserAsync("supervisor");
        await fixture.SetMembersAsync(mine.Id, agentId);
        var word = Customers.UniqueWord();
        var visible = await Customers.WriteAsync(fixture, mine, Customers.NewPhone(), $"Carla {word}", $"reembolso {word}");
        var hidden = await Customers.WriteAsync(fixture, theirs, Customers.NewPhone(), $"Bruno {word}", $"reembolso {word}");

        var agentHits = await SearchAsync(agent, word);
        var supervisorHits = await SearchAsync(supervisor, word);

        Assert.Equal(2, agentHits.Count); // her contact and its message
        Assert.All(agentHits, h => Assert.Equal(visible.ConversationId.ToString(), h["conversationId"]!.GetValue<string>()));
        Assert.Equal(4, supervisorHits.Count);
        Assert.Contains(supervisorHits, h => h["conversationId"]!.GetValue<string>() == hidden.ConversationId.ToString());
        Assert.Empty(await SearchAsync(agent, $"Bruno {word}"));
        Assert.Empty(await SearchAsync(agent, hidden.Phone[3..]));
    }

    [Fact]
    public async Task SnippetsAreTextWithGuillemetMarkersOnly()
    {
        var inbox = await fixture.CreateInboxAsync();
        var word = Customers.UniqueWord();
        await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Cliente", $"<script>alert(1)</script> «citação» {word}");

        var snippet = Assert.Single(await SearchAsync(fixture.Admin, word))["snippet"]!.GetValue<string>();

        // The customer's own guillemets become ‹ › so that « » only ever mark highlights.
        Assert.Contains("‹citação›", snippet, StringComparison.Ordinal);
        Assert.Contains($"«{word}»", snippet, StringComparison.Ordinal);
        Assert.Equal(1, snippet.Count(c => c == '«'));
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=", "q")]
    [InlineData("q=%20%20", "q")]
    [InlineData("q=a", "q")]
    [InlineData("q=ok&limit=0", "limit")]
    [InlineData("q=ok&limit=51", "limit")]
    [InlineData("q=ok&limit=many", "limit")]
    public async Task BadQueriesAreFieldErrors(string query, string field)
    {
        var response = await fixture.Admin.GetAsync($"/api/v1/search?{query}");
        await Customers.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task TooLongQueriesAreFieldErrors()
    {
        var response = await fixture.Admin.GetAsync($"/api/v1/search?q={new string('a', 201)}");
        await Customers.AssertProblemAsync(response, HttpStatusCode.BadRequest, "q");
    }

    [Fact]
    public async Task SearchNeedsAToken()
    {
        using var anonymous = fixture.ClientWithToken(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/search?q=pedido")).StatusCode);
    }

    [Fact]
    public async Task QueriesWithOnlyPunctuationOrOperatorsFindNothingAndDoNotFail()
    {
        foreach (var q in new[] { "!!", "\"\"", "-- or 1=1", "a & | !", ":* ''" })
        {
            var response = await fixture.Admin.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    internal static async Task<List<JsonObject>> SearchAsync(HttpClient client, string q, int? limit = null)
    {
        var body = await AppFixture.GetJsonAsync(client, $"/api/v1/search?q={Uri.EscapeDataString(q)}" + (limit is null ? "" : $"&limit={limit}"));
        return body["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }
}
