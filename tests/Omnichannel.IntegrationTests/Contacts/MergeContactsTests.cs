using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Conversations;
using Omnichannel.IntegrationTests.Infrastructure;
using Omnichannel.IntegrationTests.Search;

namespace Omnichannel.IntegrationTests.Contacts;

public sealed class MergeContactsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task MovesEveryIdentityConversationAndMessageAndFillsOnlyEmptyFields()
    {
        var first = await fixture.CreateInboxAsync();
        var second = await fixture.CreateInboxAsync();
        var survivor = await Customers.WriteAsync(fixture, first, Customers.NewPhone(), "Ana Souza", "Oi, sou a Ana");
        var other = await Customers.WriteAsync(fixture, second, Customers.NewPhone(), "Ana (trabalho)", "Oi de novo");
        await Customers.WriteAsync(fixture, second, other.Phone, "Ana (trabalho)", "Mais uma mensagem");
        await Patch(survivor.ContactId, new { notes = "Prefere WhatsApp.", customAttributes = new { plano = "ouro" } });
        await Patch(other.ContactId, new { name = "Ana S.", email = "ana@example.com", phone = "+55 21 99999-0000", notes = "Cliente corporativa.", customAttributes = new { plano = "prata", cnpj = "12.345.678/0001-90" } });
        var before = await CountAsync(survivor.ContactId, other.ContactId);

        var merged = await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{survivor.ContactId}/merge", new { otherContactId = other.ContactId }));

        Assert.Equal(survivor.ContactId.ToString(), merged["id"]!.GetValue<string>());
        Assert.Equal("Ana Souza", merged["name"]!.GetValue<string>()); // never overwritten
        Assert.Equal("ana@example.com", merged["email"]!.GetValue<string>()); // filled
        Assert.Equal("+55 21 99999-0000", merged["phone"]!.GetValue<string>());
        Assert.Equal("Prefere WhatsApp.\n\nCliente corporativa.", merged["notes"]!.GetValue<string>()); // both kept
        Assert.Equal("ouro", merged["customAttributes"]!["plano"]!.GetValue<string>()); // survivor wins
        Assert.Equal("12.345.678/0001-90", merged["customAttributes"]!["cnpj"]!.GetValue<string>());
        Assert.Equal(2, merged["identities"]!.AsArray().Count);
        Assert.Equal(2, merged["conversations"]!.AsArray().Count);

        var after = await CountAsync(survivor.ContactId, other.ContactId);
        Assert.Equal(before.Identities, after.SurvivorIdentities);
        Assert.Equal(before.Conversations, after.SurvivorConversations);
        Assert.Equal(before.Messages, after.SurvivorMessages);
        Assert.Equal((0, 0), (after.OtherIdentities, after.OtherConversations));
        Assert.Equal("5521999990000", await Customers.DbAsync(fixture, db => db.Contacts.Where(c => c.Id == survivor.ContactId).Select(c => c.PhoneKey).SingleAsync()));

        // The other points at the survivor, keeps a snapshot, and is gone from lists and search.
        var gone = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{other.ContactId}");
        Assert.Equal(survivor.ContactId.ToString(), gone["mergedIntoId"]!.GetValue<string>());
        var record = await Customers.DbAsync(fixture, db => db.ContactMerges.SingleAsync(m => m.MergedId == other.ContactId));
        Assert.Equal(survivor.ContactId, record.SurvivorId);
        var snapshot = JsonNode.Parse(record.Snapshot)!;
        Assert.Equal("Ana S.", snapshot["merged"]!["name"]!.GetValue<string>());
        Assert.Equal("ana@example.com", snapshot["merged"]!["email"]!.GetValue<string>());
        Assert.Equal("prata", snapshot["merged"]!["customAttributes"]!["plano"]!.GetValue<string>());
        Assert.Equal(other.Phone, Assert.Single(snapshot["identities"]!.AsArray())!["externalId"]!.GetValue<string>());
        Assert.Equal(other.ConversationId.ToString(), Assert.Single(snapshot["conversationIds"]!.AsArray())!.GetValue<string>());
        Assert.Contains("email", snapshot["filledFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        var list = await AppFixture.GetJsonAsync(fixture.Admin, "/api/v1/contacts?q=ana&limit=100");
        Assert.DoesNotContain(list["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == other.ContactId.ToString());
        Assert.DoesNotContain(await SearchApiTests.SearchAsync(fixture.Admin, "Ana S"), h => h["contactId"]!.GetValue<string>() == other.ContactId.ToString());

        // The moved conversation now shows the survivor, and the other's number reaches the survivor.
        var conversation = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{other.ConversationId}");
        Assert.Equal(survivor.ContactId.ToString(), conversation["contact"]!["id"]!.GetValue<string>());
        var next = await Customers.WriteAsync(fixture, second, other.Phone, "Ana (trabalho)", "Chegou?");
        Assert.Equal(survivor.ContactId, next.ContactId);
        Assert.Equal(other.ConversationId, next.ConversationId);
    }

    [Fact]
    public async Task ActiveConversationsInTheSameInboxAreMergedSoOnlyOneStaysActive()
    {
        var inbox = await fixture.CreateInboxAsync();
        var now = DateTimeOffset.UtcNow;
        var survivor = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Bruno", "primeira", now.AddMinutes(-30));
        var other = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Bruno Lima", "segunda", now.AddMinutes(-20));
        await Customers.WriteAsync(fixture, inbox, survivor.Phone, "Bruno", "terceira", now.AddMinutes(-10));
        var before = await CountAsync(survivor.ContactId, other.ContactId);

        var merged = await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{survivor.ContactId}/merge", new { otherContactId = other.ContactId }));

        var conversations = merged["conversations"]!.AsArray();
        Assert.Equal(2, conversations.Count);
        var active = Assert.Single(conversations, c => c!["status"]!.GetValue<string>() != "resolved")!;
        Assert.Equal(survivor.ConversationId.ToString(), active["id"]!.GetValue<string>());
        var closed = Assert.Single(conversations, c => c!["id"]!.GetValue<string>() == other.ConversationId.ToString())!;
        Assert.Equal(survivor.ConversationId.ToString(), closed["mergedIntoId"]!.GetValue<string>());

        var thread = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{survivor.ConversationId}/messages");
        Assert.Equal(["primeira", "segunda", "terceira"], thread["items"]!.AsArray().Where(m => m!["kind"]!.GetValue<string>() == "message").Select(m => m!["text"]!.GetValue<string>()));
        var after = await CountAsync(survivor.ContactId, other.ContactId);
        Assert.Equal(before.Messages + 2, after.SurvivorMessages); // plus one activity line in each conversation
        Assert.Equal(before.Conversations, after.SurvivorConversations);
        Assert.Equal(before.Identities, after.SurvivorIdentities);
        Assert.True(await Customers.DbAsync(fixture, db => db.ConversationMerges.AnyAsync(m => m.SurvivorId == survivor.ConversationId && m.MergedId == other.ConversationId)));
    }

    [Fact]
    public async Task RepeatingTheMergeChangesNothing()
    {
        var inbox = await fixture.CreateInboxAsync();
        var survivor = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Carla", "oi");
        var other = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Carla Dias", "olá");
        var url = $"/api/v1/contacts/{survivor.ContactId}/merge";

        var first = await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync(url, new { otherContactId = other.ContactId }));
        var counts = await CountAsync(survivor.ContactId, other.ContactId);
        var again = await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync(url, new { otherContactId = other.ContactId }));

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(counts, await CountAsync(survivor.ContactId, other.ContactId));
        Assert.Equal(1, await Customers.DbAsync(fixture, db => db.ContactMerges.CountAsync(m => m.MergedId == other.ContactId)));
        Assert.Equal(1, await Customers.DbAsync(fixture, db => db.ConversationMerges.CountAsync(m => m.MergedId == other.ConversationId)));
    }

    [Fact]
    public async Task ConcurrentMergesOfTheSamePairMergeOnce()
    {
        var inbox = await fixture.CreateInboxAsync();
        var survivor = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Duda", "oi");
        var other = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Duda R.", "olá");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{survivor.ContactId}/merge", new { otherContactId = other.ContactId })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await Customers.DbAsync(fixture, db => db.ContactMerges.CountAsync(m => m.MergedId == other.ContactId)));
        Assert.Equal(1, await Customers.DbAsync(fixture, db => db.Conversations.CountAsync(c => c.ContactId == survivor.ContactId && c.Status != ConversationStatus.Resolved)));
    }

    [Fact]
    public async Task RefusesSelfMergesAndMergesIntoMergedContactsClearly()
    {
        var inbox = await fixture.CreateInboxAsync();
        var a = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "A", "oi");
        var b = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "B", "oi");
        var c = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "C", "oi");

        await Customers.AssertProblemAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{a.ContactId}/merge", new { otherContactId = a.ContactId }), HttpStatusCode.UnprocessableEntity, "otherContactId");
        await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{a.ContactId}/merge", new { otherContactId = b.ContactId }));

        // B now lives in A: merging into B, or merging B elsewhere, is refused with the pointer.
        var into = await Customers.AssertProblemAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{b.ContactId}/merge", new { otherContactId = c.ContactId }), HttpStatusCode.Conflict);
        Assert.Contains(a.ContactId.ToString(), into["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Customers.AssertProblemAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{c.ContactId}/merge", new { otherContactId = b.ContactId }), HttpStatusCode.Conflict);
        await Customers.AssertProblemAsync(await fixture.Admin.PatchAsJsonAsync($"/api/v1/contacts/{b.ContactId}", new { name = "B2" }), HttpStatusCode.Conflict);

        // Merging A into C afterwards follows the chain: B's merge into A stays valid through C.
        await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{c.ContactId}/merge", new { otherContactId = a.ContactId }));
        await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{c.ContactId}/merge", new { otherContactId = b.ContactId }));
    }

    [Theory]
    [InlineData("{}", "otherContactId")]
    [InlineData("""{ "otherContactId": null }""", "otherContactId")]
    [InlineData("""{ "otherContactId": "nope" }""", "otherContactId")]
    [InlineData("""{ "otherContactId": "00000000-0000-0000-0000-000000000000" }""", "otherContactId")]
    [InlineData("[]", "body")]
    public async Task BadMergeBodiesAreFieldErrors(string json, string field)
    {
        var inbox = await fixture.CreateInboxAsync();
        var a = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "A", "oi");
        await Customers.AssertProblemAsync(await Customers.PostJsonAsync(fixture.Admin, $"/api/v1/contacts/{a.ContactId}/merge", json), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task TheActorMustSeeBothContacts()
    {
        var mine = await fixture.CreateInboxAsync();
        var theirs = await fixture.CreateInboxAsync();
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        await fixture.SetMembersAsync(mine.Id, agentId);
        var visible = await Customers.WriteAsync(fixture, mine, Customers.NewPhone(), "Visível", "oi");
        var hidden = await Customers.WriteAsync(fixture, theirs, Customers.NewPhone(), "Oculto", "oi");

        await Customers.AssertProblemAsync(await agent.PostAsJsonAsync($"/api/v1/contacts/{visible.ContactId}/merge", new { otherContactId = hidden.ContactId }), HttpStatusCode.NotFound);
        await Customers.AssertProblemAsync(await agent.PostAsJsonAsync($"/api/v1/contacts/{hidden.ContactId}/merge", new { otherContactId = visible.ContactId }), HttpStatusCode.NotFound);
        Assert.Null((await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{hidden.ContactId}"))["mergedIntoId"]);

        var (_, supervisor) = await fixture.CreateUserAsync("supervisor");
        await Customers.ReadJsonAsync(await supervisor.PostAsJsonAsync($"/api/v1/contacts/{visible.ContactId}/merge", new { otherContactId = hidden.ContactId }));
    }

    [Fact]
    public async Task SuggestsContactsSharingANormalisedPhoneOrAnEmail()
    {
        var inbox = await fixture.CreateInboxAsync();
        var a = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Eva", "oi");
        var b = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Eva Souza", "oi");
        var c = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "E. Souza", "oi");
        var unrelated = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Outra", "oi");
        var email = $"{Customers.UniqueWord()}@Example.com";
        // A's phone field holds B's WhatsApp number as someone typed it; A and C share an e-mail in another case.
        await Patch(a.ContactId, new { phone = $"+{b.Phone[..2]} ({b.Phone[2..4]}) {b.Phone[4..9]}-{b.Phone[9..]}", email });
        await Patch(c.ContactId, new { email = email.ToLowerInvariant() });
        await Patch(unrelated.ContactId, new { email = "outra@example.com" });

        var forA = (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{a.ContactId}/merge-suggestions"))["items"]!.AsArray();
        var forB = (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{b.ContactId}/merge-suggestions"))["items"]!.AsArray();

        Assert.Equal(
            [(c.ContactId.ToString(), "email"), (b.ContactId.ToString(), "phone")],
            forA.Select(s => (s!["id"]!.GetValue<string>(), s["reason"]!.GetValue<string>())).OrderBy(s => s.Item2));
        Assert.Equal(a.ContactId.ToString(), Assert.Single(forB)!["id"]!.GetValue<string>());

        // Once merged, a suggestion is gone.
        await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{a.ContactId}/merge", new { otherContactId = b.ContactId }));
        var afterMerge = (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/contacts/{a.ContactId}/merge-suggestions"))["items"]!.AsArray();
        Assert.Equal(c.ContactId.ToString(), Assert.Single(afterMerge)!["id"]!.GetValue<string>());
    }

    private async Task Patch(Guid contactId, object body) =>
        await Customers.ReadJsonAsync(await fixture.Admin.PatchAsJsonAsync($"/api/v1/contacts/{contactId}", body));

    private sealed record Counts(int Identities, int Conversations, int Messages, int SurvivorIdentities, int SurvivorConversations, int SurvivorMessages, int OtherIdentities, int OtherConversations);

    /// <summary>Identities, conversations and messages of both contacts together, and of each.</summary>
    private async Task<Counts> CountAsync(Guid survivorId, Guid otherId) => await Customers.DbAsync(fixture, async db =>
    {
        var ids = new[] { survivorId, otherId };
        var identities = await db.ContactIdentities.CountAsync(i => ids.Contains(i.ContactId));
        var conversations = await db.Conversations.CountAsync(c => ids.Contains(c.ContactId));
        var messages = await db.Messages.CountAsync(m => db.Conversations.Any(c => c.Id == m.ConversationId && ids.Contains(c.ContactId)));
        var survivorIdentities = await db.ContactIdentities.CountAsync(i => i.ContactId == survivorId);
        var survivorConversations = await db.Conversations.CountAsync(c => c.ContactId == survivorId);
        var survivorMessages = await db.Messages.CountAsync(m => db.Conversations.Any(c => c.Id == m.ConversationId && c.ContactId == survivorId));
        var otherIdentities = await db.ContactIdentities.CountAsync(i => i.ContactId == otherId);
        var otherConversations = await db.Conversations.CountAsync(c => c.ContactId == otherId);
        return new Counts(identities, conversations, messages, survivorIdentities, survivorConversations, survivorMessages, otherIdentities, otherConversations);
    });
}
