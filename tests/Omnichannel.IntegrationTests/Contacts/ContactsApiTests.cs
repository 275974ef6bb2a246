using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Contacts;

public sealed class ContactsApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ShowsIdentitiesAndTheConversationsTheActorCanSee()
    {
        var mine = await fixture.CreateInboxAsync();
        var theirs = await fixture.CreateInboxAsync();
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        var (_, supervisor) = await fixture.CreateUserAsync("supervisor");
        await fixture.SetMembersAsync(mine.Id, agentId);
        var phone = Customers.NewPhone();
        var older = await Customers.WriteAsync(fixture, theirs, phone, "Lúcia Prado", "Primeira conversa");
        var newer = await Customers.WriteAsync(fixture, mine, phone, "Lúcia Prado", "Segunda conversa");
        Assert.Equal(older.ContactId, newer.ContactId); // one person, two inboxes

        var asSupervisor = await AppFixture.GetJsonAsync(supervisor, $"/api/v1/contacts/{newer.ContactId}");
        var asAgent = await AppFixture.GetJsonAsync(agent, $"/api/v1/contacts/{newer.ContactId}");

        Assert.Equal("Lúcia Prado", asSupervisor["name"]!.GetValue<string>());
        var identity = Assert.Single(asSupervisor["identities"]!.AsArray())!;
        Assert.Equal("whatsApp", identity["channel"]!.GetValue<string>());
        Assert.Equal(phone, identity["externalId"]!.GetValue<string>());
        Assert.Equal(
            [newer.ConversationId.ToString(), older.ConversationId.ToString()],
            asSupervisor["conversations"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal("open", asSupervisor["conversations"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(mine.Id.ToString(), asSupervisor["conversations"]![0]!["inboxId"]!.GetValue<string>());
        Assert.NotNull(asSupervisor["conversations"]![0]!["lastActivityAt"]);
        Assert.Equal([newer.ConversationId.ToString()], asAgent["conversations"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal("object", JsonValueKind(asSupervisor["customAttributes"]));
    }

    [Fact]
    public async Task AgentsWhoSeeNoneOfTheContactsConversationsGetNotFound()
    {
        var inbox = await fixture.CreateInboxAsync();
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Cliente", "Oi");
        var (_, outsider) = await fixture.CreateUserAsync("agent");

        await Customers.AssertProblemAsync(await outsider.GetAsync($"/api/v1/contacts/{customer.ContactId}"), HttpStatusCode.NotFound);
        await Customers.AssertProblemAsync(await outsider.GetAsync($"/api/v1/contacts/{customer.ContactId}/timeline"), HttpStatusCode.NotFound);
        await Customers.AssertProblemAsync(await outsider.GetAsync($"/api/v1/contacts/{customer.ContactId}/merge-suggestions"), HttpStatusCode.NotFound);
        await Customers.AssertProblemAsync(await outsider.PatchAsJsonAsync($"/api/v1/contacts/{customer.ContactId}", new { name = "Hacked" }), HttpStatusCode.NotFound);
        await Customers.AssertProblemAsync(await fixture.Admin.GetAsync($"/api/v1/contacts/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var list = await AppFixture.GetJsonAsync(outsider, "/api/v1/contacts");
        Assert.DoesNotContain(list["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == customer.ContactId.ToString());
        Assert.Equal("Cliente", (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{customer.ContactId}"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PatchChangesTheGivenFieldsAndKeepsThePhoneKeyInSync()
    {
        var inbox = await fixture.CreateInboxAsync();
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        await fixture.SetMembersAsync(inbox.Id, agentId);
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "mari", "Oi");

        var patched = await Customers.ReadJsonAsync(await Customers.PatchJsonAsync(agent, $"/api/v1/contacts/{customer.ContactId}", """
            { "name": "  Mariana Lopes ", "email": "Mariana@Example.com", "phone": "+55 (21) 8765-4321",
              "notes": "Cliente desde 2019.", "customAttributes": { "plano": "ouro", "pedidos": 12, "vip": true } }
            """));

        Assert.Equal("Mariana Lopes", patched["name"]!.GetValue<string>());
        Assert.Equal("Mariana@Example.com", patched["email"]!.GetValue<string>());
        Assert.Equal("+55 (21) 8765-4321", patched["phone"]!.GetValue<string>());
        Assert.Equal("Cliente desde 2019.", patched["notes"]!.GetValue<string>());
        Assert.Equal("ouro", patched["customAttributes"]!["plano"]!.GetValue<string>());
        Assert.Equal(12, patched["customAttributes"]!["pedidos"]!.GetValue<int>());
        Assert.True(patched["customAttributes"]!["vip"]!.GetValue<bool>());
        // 55 21 8765-4321 is a mobile without the ninth digit: matched as 5521987654321.
        Assert.Equal("5521987654321", await Customers.DbAsync(fixture, db => db.Contacts.Where(c => c.Id == customer.ContactId).Select(c => c.PhoneKey).SingleAsync()));

        // Absent fields stay; null clears; customAttributes replaces the object.
        var cleared = await Customers.ReadJsonAsync(await Customers.PatchJsonAsync(agent, $"/api/v1/contacts/{customer.ContactId}", """
            { "phone": null, "customAttributes": { "plano": "prata" } }
            """));
        Assert.Equal("Mariana Lopes", cleared["name"]!.GetValue<string>());
        Assert.Equal("Mariana@Example.com", cleared["email"]!.GetValue<string>());
        Assert.Null(cleared["phone"]);
        Assert.Equal("""{"plano":"prata"}""", cleared["customAttributes"]!.ToJsonString());
        Assert.Null(await Customers.DbAsync(fixture, db => db.Contacts.Where(c => c.Id == customer.ContactId).Select(c => c.PhoneKey).SingleAsync()));

        var reread = await AppFixture.GetJsonAsync(agent, $"/api/v1/contacts/{customer.ContactId}");
        Assert.Equal(cleared.ToJsonString(), reread.ToJsonString());
        var conversation = await AppFixture.GetJsonAsync(agent, $"/api/v1/conversations/{customer.ConversationId}");
        Assert.Equal("Mariana Lopes", conversation["contact"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ "email": "not-an-email" }""", "email")]
    [InlineData("""{ "email": "ana@localhost" }""", "email")]
    [InlineData("""{ "email": 42 }""", "email")]
    [InlineData("""{ "phone": "1234567" }""", "phone")]
    [InlineData("""{ "phone": "+55 11 98888-7777 ramal 2" }""", "phone")]
    [InlineData("""{ "phone": "1234567890123456" }""", "phone")]
    [InlineData("""{ "name": "" }""", "name")]
    [InlineData("""{ "name": null }""", "name")]
    [InlineData("""{ "name": ["a"] }""", "name")]
    [InlineData("""{ "notes": false }""", "notes")]
    [InlineData("""{ "customAttributes": [] }""", "customAttributes")]
    [InlineData("""{ "customAttributes": { "endereco": { "rua": "x" } } }""", "customAttributes")]
    [InlineData("""{ "customAttributes": { "tags": ["a"] } }""", "customAttributes")]
    [InlineData("""{ "customAttributes": { "nada": null } }""", "customAttributes")]
    [InlineData("""{ "customAttributes": { "": "x" } }""", "customAttributes")]
    [InlineData("""{}""", "body")]
    [InlineData("""[]""", "body")]
    public async Task BadPatchesAreFieldErrorsAndChangeNothing(string json, string field)
    {
        var inbox = await fixture.CreateInboxAsync();
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Sem Mudança", "Oi");
        var before = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{customer.ContactId}");

        await Customers.AssertProblemAsync(await Customers.PatchJsonAsync(fixture.Admin, $"/api/v1/contacts/{customer.ContactId}", json), HttpStatusCode.BadRequest, field);

        Assert.Equal(before.ToJsonString(), (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{customer.ContactId}")).ToJsonString());
    }

    [Fact]
    public async Task OversizedValuesAreFieldErrors()
    {
        var inbox = await fixture.CreateInboxAsync();
        var customer = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Cliente", "Oi");
        var url = $"/api/v1/contacts/{customer.ContactId}";
        var manyAttributes = Enumerable.Range(0, 51).ToDictionary(i => $"a{i}", i => (object)i);

        await Customers.AssertProblemAsync(await fixture.Admin.PatchAsJsonAsync(url, new { name = new string('n', 201) }), HttpStatusCode.BadRequest, "name");
        await Customers.AssertProblemAsync(await fixture.Admin.PatchAsJsonAsync(url, new { notes = new string('n', 10_001) }), HttpStatusCode.BadRequest, "notes");
        await Customers.AssertProblemAsync(await fixture.Admin.PatchAsJsonAsync(url, new { email = new string('e', 320) + "@x.com" }), HttpStatusCode.BadRequest, "email");
        await Customers.AssertProblemAsync(await fixture.Admin.PatchAsJsonAsync(url, new { customAttributes = manyAttributes }), HttpStatusCode.BadRequest, "customAttributes");
        await Customers.AssertProblemAsync(await fixture.Admin.PatchAsJsonAsync(url, new { customAttributes = new { nota = new string('v', 501) } }), HttpStatusCode.BadRequest, "customAttributes");
        await Customers.AssertProblemAsync(await fixture.Admin.PatchAsJsonAsync(url, new { customAttributes = new Dictionary<string, string> { [new string('k', 51)] = "v" } }), HttpStatusCode.BadRequest, "customAttributes");
    }

    [Fact]
    public async Task ListSearchesByNamePrefixAndPaginates()
    {
        var inbox = await fixture.CreateInboxAsync();
        var family = "Família" + Customers.UniqueName().ToLowerInvariant();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), $"Pessoa{i} {family}", "Oi")).ContactId.ToString());
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts?q={Uri.EscapeDataString("familia" + family[7..12])}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.True(page["items"]!.AsArray().Count <= 2);
            seen.AddRange(page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        ids.Reverse();
        Assert.Equal(ids, seen); // newest first
        var first = (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts?q={Uri.EscapeDataString($"pessoa0 {family}")}"))["items"]!.AsArray();
        Assert.Equal(ids[^1], Assert.Single(first)!["id"]!.GetValue<string>());
        Assert.Single(Assert.Single(first)!["identities"]!.AsArray());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=x", "limit")]
    [InlineData("cursor=nope", "cursor")]
    public async Task BadListParametersAreFieldErrors(string query, string field) =>
        await Customers.AssertProblemAsync(await fixture.Admin.GetAsync($"/api/v1/contacts?{query}"), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task TimelineHasEveryVisibleConversationNewestFirstAndPages()
    {
        var first = await fixture.CreateInboxAsync();
        var second = await fixture.CreateInboxAsync();
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        await fixture.SetMembersAsync(second.Id, agentId);
        var phone = Customers.NewPhone();
        var now = DateTimeOffset.UtcNow;
        var a = await Customers.WriteAsync(fixture, first, phone, "Rita", "um", now.AddMinutes(-50));
        await Customers.WriteAsync(fixture, second, phone, "Rita", "dois", now.AddMinutes(-40));
        await Customers.WriteAsync(fixture, first, phone, "Rita", "três", now.AddMinutes(-30));
        await Customers.WriteAsync(fixture, second, phone, "Rita", "quatro", now.AddMinutes(-20));
        await Customers.ResolveAsync(fixture, a.ConversationId); // activity lines are not in the timeline

        var texts = new List<string>();
        string? cursor = null;
        do
        {
            var page = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{a.ContactId}/timeline?limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            texts.AddRange(page["items"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(["quatro", "três", "dois", "um"], texts);
        var agentView = await AppFixture.GetJsonAsync(agent, $"/api/v1/contacts/{a.ContactId}/timeline");
        Assert.Equal(["quatro", "dois"], agentView["items"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()));
        Assert.All(agentView["items"]!.AsArray(), m => Assert.Equal(second.Id.ToString(), m!["inboxId"]!.GetValue<string>()));
        await Customers.AssertProblemAsync(await fixture.Admin.GetAsync($"/api/v1/contacts/{a.ContactId}/timeline?limit=0"), HttpStatusCode.BadRequest, "limit");
        await Customers.AssertProblemAsync(await fixture.Admin.GetAsync($"/api/v1/contacts/{a.ContactId}/timeline?cursor=x"), HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task EveryContactEndpointIsInTheOpenApiDocument()
    {
        var document = await AppFixture.GetJsonAsync(fixture.Admin, "/openapi/v1.json");
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[]
        {
            "/api/v1/contacts", "/api/v1/contacts/{id}", "/api/v1/contacts/{id}/timeline", "/api/v1/contacts/{id}/merge",
            "/api/v1/contacts/{id}/merge-suggestions", "/api/v1/search", "/api/v1/conversations/{id}/merge", "/api/v1/conversations/{id}/unmerge",
        })
        {
            Assert.True(paths.ContainsKey(path), $"{path} is missing from the OpenAPI document");
        }

        Assert.NotNull(paths["/api/v1/contacts/{id}"]!["patch"]);
    }

    private static string JsonValueKind(JsonNode? node) => node?.GetValueKind().ToString().ToLowerInvariant() ?? "null";
}
