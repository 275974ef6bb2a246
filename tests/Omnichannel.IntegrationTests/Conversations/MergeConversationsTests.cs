using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Conversations;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Conversations;

public sealed class MergeConversationsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task MovesTheOthersMessagesIntoTheSurvivorInterleavedAndClosesTheOtherWithAPointer()
    {
        var pair = await TwoConversationsOfOneContactAsync(resolve: Side.Other);
        var otherIds = await MessageIdsAsync(pair.Other);

        var survivor = await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other));

        Assert.Equal(pair.Survivor.ToString(), survivor["id"]!.GetValue<string>());
        Assert.Equal("open", survivor["status"]!.GetValue<string>());
        Assert.Equal("s3", survivor["lastMessage"]!["text"]!.GetValue<string>());
        Assert.Equal(["s1", "o1", "s2", "o2", "s3"], await TextsAsync(pair.Survivor));

        var other = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{pair.Other}");
        Assert.Equal("resolved", other["status"]!.GetValue<string>());
        Assert.Equal(pair.Survivor.ToString(), other["mergedIntoId"]!.GetValue<string>());
        Assert.Null(other["lastMessage"]);
        Assert.Empty(await TextsAsync(pair.Other));

        // One activity line on each side, and the record of exactly what moved.
        Assert.Equal($"merged|Admin|{pair.Other}", Assert.Single(await ActivityAsync(pair.Survivor), a => a.StartsWith("merged|", StringComparison.Ordinal)));
        Assert.Equal($"merged-into|Admin|{pair.Survivor}", Assert.Single(await ActivityAsync(pair.Other), a => a.StartsWith("merged-into|", StringComparison.Ordinal)));
        var record = await Customers.DbAsync(fixture, db => db.ConversationMerges.SingleAsync(m => m.MergedId == pair.Other));
        Assert.Equal(pair.Survivor, record.SurvivorId);
        Assert.Equal(ConversationStatus.Resolved, record.MergedStatus);
        Assert.Equal(otherIds.Order(), record.MovedMessageIds.Order());

        // The list shows the survivor only.
        var list = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={pair.Inbox.Id}");
        Assert.Equal([pair.Survivor.ToString()], list["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RepeatingTheMergeChangesNothing()
    {
        var pair = await TwoConversationsOfOneContactAsync(resolve: Side.Other);
        var first = await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other));
        var messages = await Customers.DbAsync(fixture, db => db.Messages.CountAsync(m => m.ConversationId == pair.Survivor || m.ConversationId == pair.Other));

        var again = await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other));

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(messages, await Customers.DbAsync(fixture, db => db.Messages.CountAsync(m => m.ConversationId == pair.Survivor || m.ConversationId == pair.Other)));
        Assert.Equal(1, await Customers.DbAsync(fixture, db => db.ConversationMerges.CountAsync(m => m.MergedId == pair.Other)));
    }

    [Fact]
    public async Task UndoMovesExactlyTheRecordedMessagesBackAndRestoresTheStatus()
    {
        var pair = await TwoConversationsOfOneContactAsync(resolve: Side.Other);
        var survivorBefore = await MessageIdsAsync(pair.Survivor);
        var otherBefore = await MessageIdsAsync(pair.Other);
        await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other));

        var restored = await Customers.ReadJsonAsync(await fixture.Admin.PostAsync($"/api/v1/conversations/{pair.Other}/unmerge", null));

        Assert.Equal(pair.Other.ToString(), restored["id"]!.GetValue<string>());
        Assert.Null(restored["mergedIntoId"]);
        Assert.Equal("resolved", restored["status"]!.GetValue<string>());
        Assert.Equal("o2", restored["lastMessage"]!["text"]!.GetValue<string>());
        Assert.Equal(["o1", "o2"], await TextsAsync(pair.Other));
        Assert.Equal(["s1", "s2", "s3"], await TextsAsync(pair.Survivor));
        Assert.Equal("s3", (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{pair.Survivor}"))["lastMessage"]!["text"]!.GetValue<string>());
        // Exactly the old messages are back where they were; only the activity lines are new.
        Assert.Superset(otherBefore, await MessageIdsAsync(pair.Other));
        Assert.Superset(survivorBefore, await MessageIdsAsync(pair.Survivor));
        Assert.Equal(otherBefore.Count + 2, (await MessageIdsAsync(pair.Other)).Count); // merged-into + unmerged lines
        Assert.Equal(survivorBefore.Count + 2, (await MessageIdsAsync(pair.Survivor)).Count); // merged + unmerged lines
        Assert.Single(await ActivityAsync(pair.Survivor), a => a == $"unmerged|Admin|{pair.Other}");
        Assert.NotNull(await Customers.DbAsync(fixture, db => db.ConversationMerges.Where(m => m.MergedId == pair.Other).Select(m => m.UndoneAt).SingleAsync()));

        // Undoing again is a conflict, and changes nothing.
        await Customers.AssertProblemAsync(await fixture.Admin.PostAsync($"/api/v1/conversations/{pair.Other}/unmerge", null), HttpStatusCode.Conflict);
        Assert.Equal(["o1", "o2"], await TextsAsync(pair.Other));
    }

    [Fact]
    public async Task UndoRestoresAnActiveConversationOnlyWhenNoOtherIsActive()
    {
        var pair = await TwoConversationsOfOneContactAsync(resolve: Side.Survivor);
        await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other));
        var restored = await Customers.ReadJsonAsync(await fixture.Admin.PostAsync($"/api/v1/conversations/{pair.Other}/unmerge", null));
        Assert.Equal("open", restored["status"]!.GetValue<string>()); // it was open, and the survivor is resolved

        await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other)); // open into resolved, again
        // The customer writes again: the survivor reopens (never the merged one).
        var next = await Customers.WriteAsync(fixture, pair.Inbox, pair.Phone, "Cliente", "s4");
        Assert.Equal(pair.Survivor, next.ConversationId);

        var second = await Customers.ReadJsonAsync(await fixture.Admin.PostAsync($"/api/v1/conversations/{pair.Other}/unmerge", null));
        Assert.Equal("resolved", second["status"]!.GetValue<string>()); // one active conversation per contact and inbox
        Assert.Equal("open", (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{pair.Survivor}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task MergeRulesAreProblemsThatChangeNothing()
    {
        var pair = await TwoConversationsOfOneContactAsync(resolve: Side.Other);
        var stranger = await Customers.WriteAsync(fixture, pair.Inbox, Customers.NewPhone(), "Outro cliente", "oi");
        var elsewhere = await Customers.WriteAsync(fixture, await fixture.CreateInboxAsync(), pair.Phone, "Cliente", "em outra caixa");
        Assert.Equal(pair.ContactId, elsewhere.ContactId);

        await Customers.AssertProblemAsync(await Merge(pair.Survivor, pair.Survivor), HttpStatusCode.UnprocessableEntity, "otherConversationId");
        await Customers.AssertProblemAsync(await Merge(pair.Survivor, stranger.ConversationId), HttpStatusCode.UnprocessableEntity, "otherConversationId");
        await Customers.AssertProblemAsync(await Merge(pair.Survivor, elsewhere.ConversationId), HttpStatusCode.UnprocessableEntity, "otherConversationId");
        await Customers.AssertProblemAsync(await Merge(pair.Survivor, Guid.NewGuid()), HttpStatusCode.NotFound);
        await Customers.AssertProblemAsync(await fixture.Admin.PostAsync($"/api/v1/conversations/{pair.Other}/unmerge", null), HttpStatusCode.Conflict);
        Assert.Equal(0, await Customers.DbAsync(fixture, db => db.ConversationMerges.CountAsync(m => m.SurvivorId == pair.Survivor)));
        Assert.Equal(["s1", "s2", "s3"], await TextsAsync(pair.Survivor));

        // Once merged, the other cannot be merged elsewhere, nor can anything be merged into it.
        await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other));
        var intoMerged = await Customers.AssertProblemAsync(await Merge(pair.Other, pair.Survivor), HttpStatusCode.Conflict);
        Assert.Contains(pair.Survivor.ToString(), intoMerged["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMergedConversationTakesNoRepliesOrChangesUntilTheMergeIsUndone()
    {
        var pair = await TwoConversationsOfOneContactAsync(resolve: Side.Other);
        await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other));

        await Customers.AssertProblemAsync(await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{pair.Other}", new { status = "open" }), HttpStatusCode.Conflict);
        await Customers.AssertProblemAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{pair.Other}/messages", new { text = "olá?" }), HttpStatusCode.Conflict);
        await Customers.AssertProblemAsync(await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{pair.Other}/messages", new { text = "nota", @private = true }), HttpStatusCode.Conflict);
        var other = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{pair.Other}");
        Assert.Equal("resolved", other["status"]!.GetValue<string>());
        Assert.DoesNotContain(fixture.Graph.Sends, s => s.Body.Contains(pair.Phone, StringComparison.Ordinal));

        await Customers.ReadJsonAsync(await fixture.Admin.PostAsync($"/api/v1/conversations/{pair.Other}/unmerge", null));
        await Customers.ReadJsonAsync(await fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{pair.Other}", new { priority = "high" }));
    }

    [Theory]
    [InlineData("{}", "otherConversationId")]
    [InlineData("""{ "otherConversationId": 12 }""", "otherConversationId")]
    [InlineData("""{ "otherConversationId": "00000000-0000-0000-0000-000000000000" }""", "otherConversationId")]
    [InlineData("\"text\"", "body")]
    public async Task BadBodiesAreFieldErrors(string json, string field)
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        await Customers.AssertProblemAsync(await Customers.PostJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/merge", json), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task AgentsOutsideTheInboxGetNotFound()
    {
        var pair = await TwoConversationsOfOneContactAsync(resolve: Side.Other);
        var (_, outsider) = await fixture.CreateUserAsync("agent");
        await Customers.AssertProblemAsync(await outsider.PostAsJsonAsync($"/api/v1/conversations/{pair.Survivor}/merge", new { otherConversationId = pair.Other }), HttpStatusCode.NotFound);
        await Customers.ReadJsonAsync(await Merge(pair.Survivor, pair.Other));
        await Customers.AssertProblemAsync(await outsider.PostAsync($"/api/v1/conversations/{pair.Other}/unmerge", null), HttpStatusCode.NotFound);

        var (memberId, member) = await fixture.CreateUserAsync("agent");
        await fixture.SetMembersAsync(pair.Inbox.Id, memberId);
        await Customers.ReadJsonAsync(await member.PostAsync($"/api/v1/conversations/{pair.Other}/unmerge", null));
    }

    private enum Side
    {
        Survivor,
        Other,
    }

    private sealed record Pair(TestInbox Inbox, Guid ContactId, string Phone, Guid Survivor, Guid Other);

    /// <summary>
    /// One contact with two conversations in one inbox, as a contact merge leaves them: the survivor
    /// has s1, s2, s3 and the other o1, o2, written alternately; one of the two is resolved.
    /// </summary>
    private async Task<Pair> TwoConversationsOfOneContactAsync(Side resolve)
    {
        var inbox = await fixture.CreateInboxAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var survivor = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Cliente", "s1", start);
        var other = await Customers.WriteAsync(fixture, inbox, Customers.NewPhone(), "Cliente (2)", "o1", start.AddMinutes(1));
        await Customers.WriteAsync(fixture, inbox, survivor.Phone, "Cliente", "s2", start.AddMinutes(2));
        await Customers.WriteAsync(fixture, inbox, other.Phone, "Cliente (2)", "o2", start.AddMinutes(3));
        await Customers.WriteAsync(fixture, inbox, survivor.Phone, "Cliente", "s3", start.AddMinutes(4));
        await Customers.ResolveAsync(fixture, resolve == Side.Other ? other.ConversationId : survivor.ConversationId);
        (await fixture.Admin.PostAsJsonAsync($"/api/v1/contacts/{survivor.ContactId}/merge", new { otherContactId = other.ContactId })).EnsureSuccessStatusCode();
        return new Pair(inbox, survivor.ContactId, survivor.Phone, survivor.ConversationId, other.ConversationId);
    }

    private async Task<HttpResponseMessage> Merge(Guid survivor, Guid other) =>
        await fixture.Admin.PostAsJsonAsync($"/api/v1/conversations/{survivor}/merge", new { otherConversationId = other });

    /// <summary>The customer-facing messages of a conversation, in thread order.</summary>
    private async Task<List<string>> TextsAsync(Guid conversationId)
    {
        var page = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/messages");
        return page["items"]!.AsArray().Where(m => m!["kind"]!.GetValue<string>() == "message").Select(m => m!["text"]!.GetValue<string>()).ToList();
    }

    private async Task<HashSet<Guid>> MessageIdsAsync(Guid conversationId) =>
        (await Customers.DbAsync(fixture, db => db.Messages.Where(m => m.ConversationId == conversationId).Select(m => m.Id).ToListAsync())).ToHashSet();

    private async Task<List<string>> ActivityAsync(Guid conversationId) =>
        await Customers.DbAsync(fixture, db => db.Messages.Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.Activity).OrderBy(m => m.CreatedAt).Select(m => m.Text).ToListAsync());
}
