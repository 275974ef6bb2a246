using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Omnichannel.IntegrationTests.Infrastructure;
using Omnichannel.IntegrationTests.Templates;

namespace Omnichannel.IntegrationTests.Indicators;

/// <summary>Read receipts and typing indicators toward WhatsApp and Instagram customers: best-effort signals beside the outbox.</summary>
public sealed class IndicatorTests(InstagramFixture fixture) : IClassFixture<InstagramFixture>
{
    [Fact]
    public async Task ReadingMarksTheNewestWhatsAppMessageReadOnceAndANewerMessageAgain()
    {
        var (inbox, conversationId, phone) = await Infrastructure.Conversations.StartAsync(fixture, "primeira");
        var newest = await WhatsAppCustomerWritesAsync(inbox, phone, "segunda");

        await PostAsync($"/api/v1/conversations/{conversationId}/read");
        var seen = await Signals.WaitAsync(() => fixture.Graph.Signals, inbox.PhoneNumberId, 1);
        Assert.Equal($"/v23.0/{inbox.PhoneNumberId}/messages", seen[0].Path);
        Assert.Equal("Bearer " + FakeGraphApi.AccessToken, seen[0].Authorization);
        var body = JsonNode.Parse(seen[0].Body)!.AsObject();
        Assert.Equal("whatsapp", body["messaging_product"]!.GetValue<string>());
        Assert.Equal("read", body["status"]!.GetValue<string>());
        Assert.Equal(newest, body["message_id"]!.GetValue<string>());
        Assert.False(body.ContainsKey("typing_indicator"));

        // Read again (another tab, another agent): the typing signal behind it arrives, no second "read".
        await PostAsync($"/api/v1/conversations/{conversationId}/read");
        var (_, otherAgent) = await fixture.CreateUserAsync("admin");
        await PostAsync($"/api/v1/conversations/{conversationId}/read", otherAgent);
        await PostAsync($"/api/v1/conversations/{conversationId}/typing");
        var afterTyping = await Signals.WaitAsync(() => fixture.Graph.Signals, inbox.PhoneNumberId, 2);
        Assert.NotNull(JsonNode.Parse(afterTyping[1].Body)!["typing_indicator"]);

        var third = await WhatsAppCustomerWritesAsync(inbox, phone, "terceira");
        await PostAsync($"/api/v1/conversations/{conversationId}/read");
        var all = await Signals.WaitAsync(() => fixture.Graph.Signals, inbox.PhoneNumberId, 3);
        Assert.Equal(third, JsonNode.Parse(all[2].Body)!["message_id"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(all[2].Body)!["typing_indicator"]);
        Assert.DoesNotContain(fixture.Graph.Sends, s => s.Path.Contains(inbox.PhoneNumberId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadingAnInstagramConversationSendsMarkSeenToTheCustomersIgsid()
    {
        var (inbox, conversationId, igsid) = await InstagramConversationAsync();

        await PostAsync($"/api/v1/conversations/{conversationId}/read");

        var seen = Assert.Single(await Signals.WaitAsync(() => fixture.Instagram.Signals, inbox.AccountId, 1));
        Assert.Equal($"/v23.0/{inbox.AccountId}/messages", seen.Path);
        Assert.Equal("Bearer test-access-token", seen.Authorization);
        var body = JsonNode.Parse(seen.Body)!;
        Assert.Equal(igsid, body["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("mark_seen", body["sender_action"]!.GetValue<string>());
        Assert.DoesNotContain(fixture.Instagram.Sends, s => s.Body.Contains(igsid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TypingIsSentOncePerTwentySecondsAndStoppingSendsTypingOffOnInstagram()
    {
        var (inbox, conversationId, _) = await InstagramConversationAsync();

        await PostAsync($"/api/v1/conversations/{conversationId}/typing");
        await PostAsync($"/api/v1/conversations/{conversationId}/typing");
        await PostAsync($"/api/v1/conversations/{conversationId}/typing");
        await DeleteAsync($"/api/v1/conversations/{conversationId}/typing");
        // Typing again after stopping starts over.
        await PostAsync($"/api/v1/conversations/{conversationId}/typing");
        await PostAsync($"/api/v1/conversations/{conversationId}/typing");

        var signals = await Signals.WaitAsync(() => fixture.Instagram.Signals, inbox.AccountId, 3);
        Assert.Equal(["typing_on", "typing_off", "typing_on"], signals.Select(s => JsonNode.Parse(s.Body)!["sender_action"]!.GetValue<string>()));
        await Task.Delay(300);
        Assert.Equal(3, Signals.To(fixture.Instagram.Signals, inbox.AccountId).Count);
    }

    [Fact]
    public async Task WhatsAppTypingIsThrottledAndCarriesTheNewestCustomerMessage()
    {
        var (inbox, conversationId, phone) = await Infrastructure.Conversations.StartAsync(fixture);
        var newest = await WhatsAppCustomerWritesAsync(inbox, phone, "ainda aí?");

        await PostAsync($"/api/v1/conversations/{conversationId}/typing");
        await PostAsync($"/api/v1/conversations/{conversationId}/typing");
        // WhatsApp has no "stopped typing": nothing is sent for it.
        await DeleteAsync($"/api/v1/conversations/{conversationId}/typing");
        await PostAsync($"/api/v1/conversations/{conversationId}/read");

        var signals = await Signals.WaitAsync(() => fixture.Graph.Signals, inbox.PhoneNumberId, 2);
        var typing = JsonNode.Parse(signals[0].Body)!;
        Assert.Equal(newest, typing["message_id"]!.GetValue<string>());
        Assert.Equal("read", typing["status"]!.GetValue<string>());
        Assert.Equal("text", typing["typing_indicator"]!["type"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(signals[1].Body)!["typing_indicator"]);
    }

    [Fact]
    public async Task AProviderErrorOnASignalIsDroppedAndChangesNothingElse()
    {
        var (inbox, conversationId, igsid) = await InstagramConversationAsync();
        fixture.Instagram.AnswerSignal(400, FakeInstagramApi.ErrorBody(100, "(#100) sender action not allowed"));

        await PostAsync($"/api/v1/conversations/{conversationId}/read");
        await Signals.WaitAsync(() => fixture.Instagram.Signals, inbox.AccountId, 1);

        // Not retried, and replies go on as before.
        var replyId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "Olá! Como posso ajudar?");
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, replyId, "sent");
        Assert.Single(fixture.Instagram.Sends, s => s.Body.Contains(igsid, StringComparison.Ordinal));
        await PostAsync($"/api/v1/conversations/{conversationId}/read");
        await PostAsync($"/api/v1/conversations/{conversationId}/typing");
        var signals = await Signals.WaitAsync(() => fixture.Instagram.Signals, inbox.AccountId, 2);
        Assert.Equal("typing_on", JsonNode.Parse(signals[1].Body)!["sender_action"]!.GetValue<string>());
        Assert.Equal(2, await Customers.DbAsync(fixture, db => db.Messages.CountAsync(m => m.ConversationId == conversationId && m.Kind == Omnichannel.Conversations.MessageKind.Message)));
    }

    [Theory]
    [InlineData("whatsapp", 25)]
    [InlineData("instagram", 72)]
    public async Task NoSignalLeavesForAConversationOutsideTheFreeFormWindow(string channel, int hoursAgo)
    {
        var (conversationId, account, signals) = channel == "whatsapp"
            ? await WhatsAppConversationAsync()
            : await InstagramAccountConversationAsync();
        await TemplateSteps.CustomerLastWroteAsync(fixture, conversationId, TimeSpan.FromHours(hoursAgo));

        await PostAsync($"/api/v1/conversations/{conversationId}/read");
        await PostAsync($"/api/v1/conversations/{conversationId}/typing");

        await Task.Delay(500);
        Assert.Empty(Signals.To(signals(), account));
        var seenReported = await Customers.DbAsync(fixture, db => db.Messages.AnyAsync(m => m.ConversationId == conversationId && m.SeenReportedAt != null));
        Assert.False(seenReported);
    }

    private async Task<(Guid, string, Func<IReadOnlyList<RecordedRequest>>)> WhatsAppConversationAsync()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        return (conversationId, inbox.PhoneNumberId, () => fixture.Graph.Signals);
    }

    private async Task<(Guid, string, Func<IReadOnlyList<RecordedRequest>>)> InstagramAccountConversationAsync()
    {
        var (inbox, conversationId, _) = await InstagramConversationAsync();
        return (conversationId, inbox.AccountId, () => fixture.Instagram.Signals);
    }

    private async Task<(TestInstagramInbox Inbox, Guid ConversationId, string Igsid)> InstagramConversationAsync()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var igsid = InstagramPayloads.NewIgsid();
        (await fixture.PostInstagramAsync(InstagramPayloads.Text(inbox.AccountId, igsid, InstagramPayloads.NewMid(), "Vocês entregam amanhã?"), inbox.AppSecret)).EnsureSuccessStatusCode();
        var conversationId = await AppFixture.EventuallyAsync(
            () => Customers.DbAsync(fixture, db => db.Conversations.Where(c => c.InboxId == inbox.Id).Select(c => (Guid?)c.Id).FirstOrDefaultAsync()),
            id => id is not null,
            "the Instagram conversation to be stored");
        return (inbox, conversationId!.Value, igsid);
    }

    private async Task<string> WhatsAppCustomerWritesAsync(TestInbox inbox, string phone, string text)
    {
        var wamid = WhatsAppPayloads.NewWamid();
        (await fixture.PostWebhookAsync(WhatsAppPayloads.Text(inbox.PhoneNumberId, phone, "Cliente Teste", wamid, text), inbox.AppSecret)).EnsureSuccessStatusCode();
        await AppFixture.EventuallyAsync(
            () => Customers.DbAsync(fixture, db => db.Messages.AnyAsync(m => m.InboxId == inbox.Id && m.ProviderMessageId == wamid)),
            stored => stored,
            $"message {wamid} to be stored");
        return wamid;
    }

    private async Task PostAsync(string url, HttpClient? client = null) =>
        Assert.Equal(HttpStatusCode.NoContent, (await (client ?? fixture.Admin).PostAsync(url, null)).StatusCode);

    private async Task DeleteAsync(string url) =>
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Admin.DeleteAsync(url)).StatusCode);
}
