using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Instagram;

/// <summary>
/// Customer media on Instagram: stored from the (expiring) CDN URL by the download worker, like
/// WhatsApp's; agents' files are refused because our Instagram sender cannot send them.
/// </summary>
public sealed class InstagramMediaTests(InstagramFixture fixture) : IClassFixture<InstagramFixture>
{
    public static TheoryData<string, string, string> MediaTypes => new()
    {
        { "image", "image/jpeg", "image" },
        { "video", "video/mp4", "video" },
        { "audio", "audio/mp4", "audio" },
        { "file", "application/pdf", "document" },
    };

    [Theory]
    [MemberData(nameof(MediaTypes))]
    public async Task MediaIsDownloadedFromTheCdnWithoutATokenAndStored(string type, string contentType, string kind)
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var bytes = AppFixture.RandomBytes(3000);
        var url = fixture.Instagram.AddMedia(contentType, bytes);

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), type, url));

        var (message, attachment) = await SettledAsync(inbox);
        Assert.Equal("stored", attachment["status"]!.GetValue<string>());
        Assert.Equal(kind, attachment["kind"]!.GetValue<string>());
        Assert.Equal(contentType, attachment["contentType"]!.GetValue<string>());
        Assert.Equal(bytes.Length, attachment["size"]!.GetValue<long>());
        // The expiring URL is not kept in the text: the stored file stands for it.
        Assert.DoesNotContain(url, message["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("", Assert.Single(fixture.Instagram.CdnRequests, r => url.EndsWith(r.Name, StringComparison.Ordinal)).Authorization);

        var file = await fixture.Admin.GetAsync($"/api/v1/attachments/{attachment["id"]}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(contentType, file.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task RedirectsAreFollowed()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var bytes = AppFixture.RandomBytes(500);
        var target = fixture.Instagram.AddMedia("image/png", bytes);
        // An absolute redirect, then a relative one, as CDNs do.
        var hop = fixture.Instagram.AddRedirect("/cdn/" + FakeInstagramApi.NameOf(target));
        var first = fixture.Instagram.AddRedirect(hop);

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "image", first));

        var (_, attachment) = await SettledAsync(inbox);
        Assert.Equal("stored", attachment["status"]!.GetValue<string>());
        Assert.Equal(bytes, await fixture.Admin.GetByteArrayAsync($"/api/v1/attachments/{attachment["id"]}"));
    }

    [Fact]
    public async Task ARedirectLoopStopsAfterFiveHops()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var name = Guid.NewGuid().ToString("N");
        fixture.Instagram.SetCdn(name, 302, fixture.Instagram.CdnUrl(name));

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "image", fixture.Instagram.CdnUrl(name)));

        var (_, attachment) = await SettledAsync(inbox);
        Assert.Equal("failed", attachment["status"]!.GetValue<string>());
        Assert.Contains("redirected more than 5 times", attachment["error"]!.GetValue<string>(), StringComparison.Ordinal);
        // The first request and five redirects followed; a permanent failure is not retried.
        Assert.Equal(6, fixture.Instagram.CdnRequests.Count(r => r.Name == name));
    }

    [Fact]
    public async Task ARedirectOutsideTheWebIsRefused()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var url = fixture.Instagram.AddRedirect("file:///etc/passwd");

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "image", url));

        var (_, attachment) = await SettledAsync(inbox);
        Assert.Equal("failed", attachment["status"]!.GetValue<string>());
        Assert.Contains("not http(s)", attachment["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(410)]
    public async Task AnExpiredLinkFailsForGoodWithoutRetries(int status)
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var url = fixture.Instagram.AddStatus(status);

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "image", url));

        var (_, attachment) = await SettledAsync(inbox);
        Assert.Equal("failed", attachment["status"]!.GetValue<string>());
        Assert.Contains("link expired", attachment["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.GetAsync($"/api/v1/attachments/{attachment["id"]}")).StatusCode);
        // Retries are 100 ms apart here: a transient failure would have been tried again by now.
        await Task.Delay(1500);
        Assert.Single(fixture.Instagram.CdnRequests, r => url.EndsWith(r.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AServerErrorIsRetriedThenShownAsFailed()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var url = fixture.Instagram.AddStatus(500);

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "image", url));

        var (_, attachment) = await SettledAsync(inbox);
        Assert.Equal("failed", attachment["status"]!.GetValue<string>());
        Assert.Contains("HTTP 500", attachment["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(5, fixture.Instagram.CdnRequests.Count(r => url.EndsWith(r.Name, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("file", "text/html", 100, "'text/html' are not accepted")]
    [InlineData("image", "image/svg+xml", 100, "'image/svg+xml' are not accepted")]
    [InlineData("image", "image/jpeg", (5 * 1024 * 1024) + 1, "larger than the 5120 KB allowed")]
    public async Task AFileOfAForbiddenTypeOrOverTheLimitIsNeverStored(string type, string contentType, int size, string expected)
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var filesBefore = fixture.StoredFileCount();
        var url = fixture.Instagram.AddMedia(contentType, new byte[size]);

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), type, url));

        var (_, attachment) = await SettledAsync(inbox);
        Assert.Equal("failed", attachment["status"]!.GetValue<string>());
        Assert.Contains(expected, attachment["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(filesBefore, fixture.StoredFileCount());
    }

    [Fact]
    public async Task TheStoryACustomerRepliesToIsStoredAsAVideoWhenItIsOne()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var url = fixture.Instagram.AddMedia("video/mp4", AppFixture.RandomBytes(800));

        await PostAsync(inbox, InstagramPayloads.FromCustomer(inbox.AccountId, InstagramPayloads.NewIgsid(), new
        {
            message = new { mid = InstagramPayloads.NewMid(), text = "Tem em azul?", reply_to = new { story = new { id = "18000000000000002", url } } },
        }));

        var (message, attachment) = await SettledAsync(inbox);
        Assert.Equal("stored", attachment["status"]!.GetValue<string>());
        Assert.Equal("video", attachment["kind"]!.GetValue<string>());
        Assert.Equal("[replied to your story]\nTem em azul?", message["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AStoryMentionKeepsItsLabelAndStoresTheStory()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        var url = fixture.Instagram.AddMedia("image/jpeg", AppFixture.RandomBytes(800));

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "story_mention", url));

        var (message, attachment) = await SettledAsync(inbox);
        Assert.Equal("stored", attachment["status"]!.GetValue<string>());
        Assert.Equal("image", attachment["kind"]!.GetValue<string>());
        Assert.Equal("[mentioned you in their story]", message["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASharedPostStaysALink()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();

        await PostAsync(inbox, InstagramPayloads.Attachment(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "share", "https://www.example.com/p/abc"));

        var message = (await MessagesAsync(await ConversationIdAsync(inbox)))[0]!;
        Assert.Equal("[shared post] https://www.example.com/p/abc", message["text"]!.GetValue<string>());
        Assert.Empty(message["attachments"]!.AsArray());
    }

    [Fact]
    public async Task AReplyWithAFileIsRefusedOnFileAndNothingIsStored()
    {
        var inbox = await fixture.CreateInstagramInboxAsync();
        await PostAsync(inbox, InstagramPayloads.Text(inbox.AccountId, InstagramPayloads.NewIgsid(), InstagramPayloads.NewMid(), "Oi"));
        var conversationId = await ConversationIdAsync(inbox);
        var filesBefore = fixture.StoredFileCount();
        var sendsBefore = fixture.Instagram.Sends.Count;
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(AppFixture.RandomBytes(500));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("image/png");
        form.Add(file, "file", "foto.png");
        form.Add(new StringContent("segue a foto"), "text");

        var response = await fixture.Admin.PostAsync($"/api/v1/conversations/{conversationId}/attachments", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("cannot receive files", Assert.Single(errors["file"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.CountAsync("SELECT count(*) FROM messages WHERE conversation_id = $1", conversationId));
        Assert.Equal(0, await fixture.CountAsync("SELECT count(*) FROM outbox_messages WHERE conversation_id = $1", conversationId));
        Assert.Equal(filesBefore, fixture.StoredFileCount());
        Assert.Equal(sendsBefore, fixture.Instagram.Sends.Count);

        // The composer learns it before trying.
        var window = await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/reply-window");
        Assert.False(window["sendsFiles"]!.GetValue<bool>());
    }

    private async Task PostAsync(TestInstagramInbox inbox, string body) =>
        Assert.Equal(HttpStatusCode.OK, (await fixture.PostInstagramAsync(body, inbox.AppSecret)).StatusCode);

    private async Task<Guid> ConversationIdAsync(TestInstagramInbox inbox)
    {
        var page = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"),
            p => p["items"]!.AsArray().Count == 1,
            "the conversation to appear");
        return Guid.Parse(page["items"]![0]!["id"]!.GetValue<string>());
    }

    private async Task<JsonArray> MessagesAsync(Guid conversationId) =>
        (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{conversationId}/messages"))["items"]!.AsArray();

    /// <summary>The customer's message and its first attachment, once the download worker is done with it.</summary>
    private async Task<(JsonObject Message, JsonObject Attachment)> SettledAsync(TestInstagramInbox inbox)
    {
        var conversationId = await ConversationIdAsync(inbox);
        var messages = await AppFixture.EventuallyAsync(
            () => MessagesAsync(conversationId),
            m => m.Count == 1 && m[0]!["attachments"]!.AsArray() is [{ } a, ..] && a["status"]?.GetValue<string>() != "pending",
            "the attachment to settle");
        var message = messages[0]!.AsObject();
        return (message, message["attachments"]![0]!.AsObject());
    }
}
