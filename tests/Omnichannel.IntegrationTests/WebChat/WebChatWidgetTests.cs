using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Channels.WebChat;
using Omnichannel.Data;
using Omnichannel.IntegrationTests.Infrastructure;
using Omnichannel.Realtime;

namespace Omnichannel.IntegrationTests.WebChat;

/// <summary>The web-chat widget's visitor API and hub against real PostgreSQL.</summary>
public sealed class WebChatWidgetTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] NotAnOrigin = ["not a url"];
    private static readonly string[] Phone = ["phone"];
    private static readonly string[] ShopOrigin = ["https://shop.example.com"];

    [Fact]
    public async Task AdminsGetTheSnippetWithThePublicTokenAndTheSecretOnlyWhenRegenerated()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture);
        var webChat = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/inboxes/{inbox.Id}/webchat");
        Assert.Equal($"<script async src=\"http://localhost/widget.js\" data-inbox=\"{inbox.PublicToken}\"></script>", webChat["snippet"]!.GetValue<string>());
        Assert.NotEqual(inbox.Id.ToString(), inbox.PublicToken);
        Assert.DoesNotContain(inbox.IdentitySecret, webChat.ToJsonString(), StringComparison.Ordinal);
        var list = await fixture.Admin.GetStringAsync("/api/v1/inboxes");
        Assert.DoesNotContain(inbox.IdentitySecret, list, StringComparison.Ordinal);

        // Encrypted at rest: the stored column does not hold the secret in clear.
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Inboxes.SingleAsync(i => i.Id == inbox.Id);
        Assert.DoesNotContain(inbox.IdentitySecret, stored.EncryptedSecrets, StringComparison.Ordinal);

        var (_, agent) = await fixture.CreateUserAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/inboxes/{inbox.Id}/webchat")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"/api/v1/inboxes/{inbox.Id}/webchat/identity-secret", null)).StatusCode);
    }

    [Fact]
    public async Task InvalidSettingsAreRefusedFieldByField()
    {
        var response = await fixture.Admin.PostAsJsonAsync("/api/v1/inboxes", new
        {
            name = "Site", channel = "webchat",
            settings = new { color = "blue", language = "fr", allowedOrigins = NotAnOrigin, preChatRequired = Phone },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("settings.color"));
        Assert.True(errors.ContainsKey("settings.language"));
        Assert.True(errors.ContainsKey("settings.allowedOrigins"));
        Assert.True(errors.ContainsKey("settings.preChatRequired"));
    }

    [Fact]
    public async Task AVisitorWritesTheAgentAnswersAndTheReplyReachesTheHistoryButNotesNever()
    {
        var (agentId, agent) = await fixture.CreateUserAsync("agent", "Ana Souza");
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture, new { siteName = "Loja", greeting = "Olá!", language = "pt-BR" }, agentId);
        var start = await WebChatVisitorClient.StartSessionAsync(fixture, inbox, new { name = "Maria Visitante", email = "maria@example.com" });
        var session = (await start.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Olá!", session["config"]!["greeting"]!.GetValue<string>());
        Assert.Equal("pt-BR", session["config"]!["language"]!.GetValue<string>());
        Assert.False(session["agentsOnline"]!.GetValue<bool>());
        using var visitor = new WebChatVisitorClient(fixture, fixture.App.CreateClient(), session["visitorToken"]!.GetValue<string>());
        visitor.Http.DefaultRequestHeaders.Add("X-Visitor-Token", visitor.Token);

        var sent = await visitor.SendAsync("Oi, meu pedido não chegou");
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        // The agent sees a conversation with the visitor as the contact (name and e-mail from the pre-chat form).
        var conversations = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(agent, $"/api/v1/conversations?inboxId={inbox.Id}&status="),
            p => p["items"]!.AsArray().Count == 1, "the web-chat conversation");
        var conversation = conversations["items"]![0]!;
        Assert.Equal("Maria Visitante", conversation["contact"]!["name"]!.GetValue<string>());
        var conversationId = Guid.Parse(conversation["id"]!.GetValue<string>());
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var contactId = Guid.Parse(conversation["contact"]!["id"]!.GetValue<string>());
            var contact = await scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Contacts.SingleAsync(c => c.Id == contactId);
            Assert.Equal("maria@example.com", contact.Email);
        }

        var reply = await Infrastructure.Conversations.ReplyAsync(agent, conversationId, "Olá Maria! Vou verificar.");
        await Infrastructure.Conversations.ReplyAsync(agent, conversationId, "nota interna: cliente nervosa", isPrivate: true);
        var history = await AppFixture.EventuallyAsync(() => visitor.HistoryAsync(), h => h.Count == 2, "the agent's reply in the visitor's history");
        Assert.Equal(["visitor", "agent"], history.Select(m => m!["from"]!.GetValue<string>()));
        Assert.Equal("Olá Maria! Vou verificar.", history[1]!["text"]!.GetValue<string>());
        Assert.Equal("Ana", history[1]!["agentName"]!.GetValue<string>());
        Assert.DoesNotContain("nota interna", history.ToJsonString(), StringComparison.Ordinal);

        // Went through the outbox: sent, then delivered once the widget fetched it, read when the open panel shows it.
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, reply, "delivered");
        await visitor.HistoryAsync("?seen=true");
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, reply, "read");
    }

    [Fact]
    public async Task ARetriedMessageWithTheSameClientIdIsStoredOnce()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture);
        using var visitor = await WebChatVisitorClient.StartAsync(fixture, inbox);
        var first = await (await visitor.SendAsync("uma vez só", "client-1")).Content.ReadFromJsonAsync<JsonObject>();
        var again = await visitor.SendAsync("uma vez só", "client-1");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first!["id"]!.GetValue<string>(), (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        Assert.Single(await visitor.HistoryAsync());
    }

    [Fact]
    public async Task AMessageOverTheLimitIsRejectedAndNothingIsStored()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture);
        using var visitor = await WebChatVisitorClient.StartAsync(fixture, inbox);
        var response = await visitor.SendAsync(new string('a', WebChatVisitors.MaxMessageLength + 1));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("4000", problem!["errors"]!["text"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.SendAsync("   ")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await visitor.SendAsync(new string('b', WebChatVisitors.MaxMessageLength))).StatusCode);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.InboxId == inbox.Id));
    }

    [Fact]
    public async Task UnknownTokensAndInboxesAreRefused()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture);
        using var client = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/widget/v1/messages")).StatusCode);
        client.DefaultRequestHeaders.Add("X-Visitor-Token", "wcv_forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/widget/v1/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/widget/v1/messages", new { text = "oi" })).StatusCode);
        var unknownInbox = await client.PostAsJsonAsync("/widget/v1/inboxes/wc_nope/sessions", new { });
        Assert.Equal(HttpStatusCode.NotFound, unknownInbox.StatusCode);
        Assert.Equal(inbox.Id, inbox.Id);
    }

    [Fact]
    public async Task AVerifiedIdentifierLinksEveryDeviceToTheSameContactAndAForgedOneIsRejected()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture);
        var hash = IdentityHash.Compute(inbox.IdentitySecret, "customer-42");
        using var laptop = await WebChatVisitorClient.StartAsync(fixture, inbox, new { identifier = "customer-42", identifierHash = hash });
        Assert.Equal(HttpStatusCode.Created, (await laptop.SendAsync("escrevi no notebook")).StatusCode);
        using var phone = await WebChatVisitorClient.StartAsync(fixture, inbox, new { identifier = "customer-42", identifierHash = hash.ToUpperInvariant() });
        Assert.NotEqual(laptop.Token, phone.Token);
        var history = await phone.HistoryAsync();
        Assert.Equal("escrevi no notebook", Assert.Single(history)!["text"]!.GetValue<string>());

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var visitorsBefore = await db.WebChatVisitors.CountAsync();
        var contactsBefore = await db.Contacts.CountAsync();
        var forged = await WebChatVisitorClient.StartSessionAsync(fixture, inbox, new { identifier = "customer-42", identifierHash = IdentityHash.Compute("wrong-secret-wrong-secret", "customer-42") });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType!.MediaType);
        var missing = await WebChatVisitorClient.StartSessionAsync(fixture, inbox, new { identifier = "customer-42" });
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        // A forged hash on a resumed session does not take over the identity either.
        var hijack = await WebChatVisitorClient.StartSessionAsync(fixture, inbox, new { visitorToken = laptop.Token, identifier = "customer-43", identifierHash = hash });
        Assert.Equal(HttpStatusCode.Unauthorized, hijack.StatusCode);
        Assert.Equal(visitorsBefore, await db.WebChatVisitors.CountAsync());
        Assert.Equal(contactsBefore, await db.Contacts.CountAsync());
    }

    [Fact]
    public async Task AVisitorCannotReadAnotherVisitorsConversationThroughTheApiOrTheHub()
    {
        var (agentId, agent) = await fixture.CreateUserAsync("agent");
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture, null, agentId);
        using var alice = await WebChatVisitorClient.StartAsync(fixture, inbox);
        using var mallory = await WebChatVisitorClient.StartAsync(fixture, inbox);
        await alice.SendAsync("segredo da Alice");
        await mallory.SendAsync("oi");
        var conversations = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(agent, $"/api/v1/conversations?inboxId={inbox.Id}&status="),
            p => p["items"]!.AsArray().Count == 2, "both conversations");
        var aliceConversation = conversations["items"]!.AsArray().Single(c => c!["lastMessage"]?["text"]?.GetValue<string>() == "segredo da Alice"
            || c!["preview"]?.GetValue<string>() == "segredo da Alice" || c!.ToJsonString().Contains("segredo da Alice", StringComparison.Ordinal))!;
        var aliceConversationId = aliceConversation["id"]!.GetValue<string>();
        var aliceContactId = aliceConversation["contact"]!["id"]!.GetValue<string>();

        // Ids in the query are not how the API chooses what to return: Mallory sees only her own messages.
        foreach (var query in new[] { $"?conversationId={aliceConversationId}", $"?contactId={aliceContactId}", $"?visitorToken={alice.Token[..10]}" })
        {
            var history = await mallory.HistoryAsync(query);
            Assert.DoesNotContain("segredo da Alice", history.ToJsonString(), StringComparison.Ordinal);
        }

        // The hub: Mallory cannot name a group; her connection hears nothing of Alice's conversation.
        var malloryEvents = new ConcurrentQueue<string>();
        var aliceEvents = new ConcurrentQueue<string>();
        await using var malloryHub = mallory.Hub();
        await using var aliceHub = alice.Hub();
        malloryHub.On("changed", () => malloryEvents.Enqueue("changed"));
        malloryHub.On<JsonObject>("typing", _ => malloryEvents.Enqueue("typing"));
        aliceHub.On("changed", () => aliceEvents.Enqueue("changed"));
        await malloryHub.StartAsync();
        await aliceHub.StartAsync();
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => malloryHub.InvokeAsync("Join", aliceConversationId));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => malloryHub.InvokeAsync("Join", Guid.Parse(aliceContactId)));
        await malloryHub.InvokeAsync("Join");

        await Infrastructure.Conversations.ReplyAsync(agent, Guid.Parse(aliceConversationId), "resposta para a Alice");
        await AppFixture.EventuallyAsync(() => Task.FromResult(aliceEvents.Count), n => n > 0, "Alice's widget to hear about the reply");
        await Task.Delay(500);
        Assert.Empty(malloryEvents);
        Assert.DoesNotContain("resposta para a Alice", (await mallory.HistoryAsync()).ToJsonString(), StringComparison.Ordinal);

        // A hub connection with someone else's (guessed) token is refused outright.
        await using var forged = mallory.Hub("wcv_guessed");
        await Assert.ThrowsAnyAsync<Exception>(() => forged.StartAsync());
    }

    [Fact]
    public async Task TypingTravelsBothWays()
    {
        var (agentId, agent) = await fixture.CreateUserAsync("agent", "Bruno Lima");
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture, null, agentId);
        using var visitor = await WebChatVisitorClient.StartAsync(fixture, inbox, new { name = "Visitante Digitando" });
        await visitor.SendAsync("oi");
        var conversations = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(agent, $"/api/v1/conversations?inboxId={inbox.Id}&status="),
            p => p["items"]!.AsArray().Count == 1, "the conversation");
        var conversationId = Guid.Parse(conversations["items"]![0]!["id"]!.GetValue<string>());
        var typing = new ConcurrentQueue<JsonObject>();
        await using var hub = visitor.Hub();
        hub.On<JsonObject>("typing", e => typing.Enqueue(e));
        await hub.StartAsync();

        // Visitor → agent: shown in the conversation's presence (what the agent's view renders).
        await hub.InvokeAsync("Typing", true);
        var watchers = fixture.App.Services.GetRequiredService<ConversationWatchers>();
        await AppFixture.EventuallyAsync(() => Task.FromResult(watchers.Of(conversationId)), w => w.Any(x => x.Typing && x.Name == "Visitante Digitando"), "the visitor typing in the agent's view");
        await hub.InvokeAsync("Typing", false);
        await AppFixture.EventuallyAsync(() => Task.FromResult(watchers.Of(conversationId)), w => w.Count == 0, "the visitor stopped typing");

        // Agent → visitor: the agent's typing presence (from the inbox) reaches the widget with their first name.
        await watchers.ReportAsync(inbox.Id, conversationId, agentId, "Bruno Lima", WatchActivity.Typing, CancellationToken.None);
        var shown = await AppFixture.EventuallyAsync(() => Task.FromResult(typing.ToList()), t => t.Count > 0, "the agent typing in the widget");
        Assert.True(shown[0]["typing"]!.GetValue<bool>());
        Assert.Equal("Bruno", shown[0]["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task OnlyTheConfiguredOriginsMayUseTheWidget()
    {
        var inbox = await WebChatVisitorClient.CreateInboxAsync(fixture, new { allowedOrigins = ShopOrigin });

        // Preflight from any site is answered (the endpoints decide per inbox), without credentials.
        using var client = fixture.App.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/widget/v1/messages");
        preflight.Headers.Add("Origin", "https://shop.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-visitor-token");
        var answer = await client.SendAsync(preflight);
        Assert.True(answer.IsSuccessStatusCode, answer.StatusCode.ToString());
        Assert.Equal("https://shop.example.com", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));

        var allowed = await WebChatVisitorClient.StartSessionAsync(fixture, inbox, new { }, origin: "https://shop.example.com");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://shop.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var visitorsBefore = await db.WebChatVisitors.CountAsync(v => v.InboxId == inbox.Id);
        var refused = await WebChatVisitorClient.StartSessionAsync(fixture, inbox, new { }, origin: "https://evil.example.net");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(visitorsBefore, await db.WebChatVisitors.CountAsync(v => v.InboxId == inbox.Id));

        var token = (await allowed.Content.ReadFromJsonAsync<JsonObject>())!["visitorToken"]!.GetValue<string>();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/widget/v1/messages") { Content = JsonContent.Create(new { text = "de outro site" }) };
        post.Headers.Add("Origin", "https://evil.example.net");
        post.Headers.Add("X-Visitor-Token", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(post)).StatusCode);
        Assert.Equal(0, await db.Messages.CountAsync(m => m.InboxId == inbox.Id));
    }
}
