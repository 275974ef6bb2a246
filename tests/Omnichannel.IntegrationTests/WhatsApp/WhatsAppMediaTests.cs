using System.Net;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.WhatsApp;

/// <summary>Customer media: stored with the webhook, downloaded afterwards through the media id → URL → bytes flow.</summary>
public sealed class WhatsAppMediaTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string, string?, string> MediaTypes => new()
    {
        { "image", "image/jpeg", "A caixa chegou amassada", "inline" },
        { "audio", "audio/ogg; codecs=opus", null, "inline" },
        { "video", "video/mp4", "olha o vídeo", "inline" },
        { "document", "application/pdf", "segue a nota", "attachment" },
        { "sticker", "image/webp", null, "inline" },
    };

    [Theory]
    [MemberData(nameof(MediaTypes))]
    public async Task MediaIsDownloadedWithTheBearerTokenAndServedToMembers(string type, string mimeType, string? caption, string disposition)
    {
        var inbox = await fixture.CreateInboxAsync();
        var mediaId = Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = AppFixture.RandomBytes(3000);
        fixture.Graph.AddMedia(mediaId, mimeType, bytes);
        var content = new Dictionary<string, object> { ["id"] = mediaId, ["mime_type"] = mimeType, ["sha256"] = "ignored" };
        if (caption is not null)
        {
            content["caption"] = caption;
        }

        if (type == "document")
        {
            content["filename"] = "../../nota fiscal.pdf";
        }

        var response = await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340000", WhatsAppPayloads.NewWamid(), type, content), inbox.AppSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var attachment = await SettledAttachmentAsync(inbox);
        Assert.Equal("stored", attachment["status"]!.GetValue<string>());
        Assert.Equal(type, attachment["kind"]!.GetValue<string>());
        Assert.Equal(mimeType.Split(';')[0], attachment["contentType"]!.GetValue<string>());
        Assert.Equal(bytes.Length, attachment["size"]!.GetValue<long>());
        var message = await SingleMessageAsync(inbox);
        Assert.Equal(caption ?? "", message["text"]!.GetValue<string>());
        if (type == "document")
        {
            Assert.Equal("nota fiscal.pdf", attachment["fileName"]!.GetValue<string>());
        }

        // Step 1 asked for the URL with the inbox's token and number; step 2 fetched it with the same token.
        var lookup = Assert.Single(fixture.Graph.Requests, r => r.Path.StartsWith($"/v23.0/{mediaId}", StringComparison.Ordinal));
        Assert.Equal($"/v23.0/{mediaId}?phone_number_id={inbox.PhoneNumberId}", lookup.Path);
        Assert.Equal("Bearer test-access-token", lookup.Authorization);
        Assert.Equal("Bearer test-access-token", Assert.Single(fixture.Graph.Requests, r => r.Path == $"/media-download/{mediaId}").Authorization);

        var file = await fixture.Admin.GetAsync($"/api/v1/attachments/{attachment["id"]}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(bytes, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(mimeType.Split(';')[0], file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(disposition, file.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task AFailedDownloadStaysVisibleAndCanBeRetried()
    {
        var inbox = await fixture.CreateInboxAsync();
        const string mediaId = "4000000000001";
        await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340001", WhatsAppPayloads.NewWamid(), "image",
            new { id = mediaId, mime_type = "image/jpeg", caption = "foto do defeito" }), inbox.AppSecret);

        // The fake answers 404 (media expired): the message stays, with the reason on its attachment.
        var failed = await SettledAttachmentAsync(inbox);
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Contains("no longer has this file", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("foto do defeito", (await SingleMessageAsync(inbox))["text"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.GetAsync($"/api/v1/attachments/{failed["id"]}")).StatusCode);

        fixture.Graph.AddMedia(mediaId, "image/jpeg", AppFixture.RandomBytes(100));
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Admin.PostAsync($"/api/v1/attachments/{failed["id"]}/retry", null)).StatusCode);

        var stored = await SettledAttachmentAsync(inbox);
        Assert.Equal("stored", stored["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Admin.PostAsync($"/api/v1/attachments/{failed["id"]}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task ARejectedAccessTokenFailsWithAReason()
    {
        var inbox = await fixture.CreateInboxAsync(accessToken: "revoked-token");
        fixture.Graph.AddMedia("4000000000002", "image/png", AppFixture.RandomBytes(10));
        await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340002", WhatsAppPayloads.NewWamid(), "image",
            new { id = "4000000000002", mime_type = "image/png" }), inbox.AppSecret);

        var attachment = await SettledAttachmentAsync(inbox);
        Assert.Equal("failed", attachment["status"]!.GetValue<string>());
        Assert.Contains("access token", attachment["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MediaOfAForbiddenTypeIsNeverStored()
    {
        var inbox = await fixture.CreateInboxAsync();
        var filesBefore = fixture.StoredFileCount();
        fixture.Graph.AddMedia("4000000000003", "text/html", "<script>alert(1)</script>"u8.ToArray());
        await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340003", WhatsAppPayloads.NewWamid(), "document",
            new { id = "4000000000003", mime_type = "application/pdf", filename = "fatura.pdf" }), inbox.AppSecret);

        var attachment = await SettledAttachmentAsync(inbox);
        Assert.Equal("failed", attachment["status"]!.GetValue<string>());
        Assert.Contains("text/html", attachment["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(filesBefore, fixture.StoredFileCount());
    }

    [Fact]
    public async Task AgentsOutsideTheInboxCannotReadItsFiles()
    {
        var inbox = await fixture.CreateInboxAsync();
        fixture.Graph.AddMedia("4000000000004", "image/png", AppFixture.RandomBytes(50));
        await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340004", WhatsAppPayloads.NewWamid(), "image",
            new { id = "4000000000004", mime_type = "image/png" }), inbox.AppSecret);
        var attachment = await SettledAttachmentAsync(inbox);
        var (memberId, member) = await fixture.CreateUserAsync("agent");
        var (_, outsider) = await fixture.CreateUserAsync("agent");
        await fixture.SetMembersAsync(inbox.Id, memberId);
        using var anonymous = fixture.App.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/attachments/{attachment["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/attachments/{attachment["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/v1/attachments/{attachment["id"]}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/attachments/{attachment["id"]}")).StatusCode);
    }

    [Fact]
    public async Task TheInboxPageReadsFilesWithItsSignInCookie()
    {
        var inbox = await fixture.CreateInboxAsync();
        fixture.Graph.AddMedia("4000000000005", "image/png", AppFixture.RandomBytes(50));
        await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340005", WhatsAppPayloads.NewWamid(), "image",
            new { id = "4000000000005", mime_type = "image/png" }), inbox.AppSecret);
        var attachment = await SettledAttachmentAsync(inbox);
        using var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var anonymous = await browser.GetAsync($"/attachments/{attachment["id"]}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);

        await AppFixture.SignInAsync(browser, OmnichannelApp.AdminEmail, OmnichannelApp.AdminPassword);
        var file = await browser.GetAsync($"/attachments/{attachment["id"]}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task LocationBecomesACardWithItsCoordinates()
    {
        var inbox = await fixture.CreateInboxAsync();
        await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340006", WhatsAppPayloads.NewWamid(), "location",
            new { latitude = -23.5613, longitude = -46.6565, name = "Loja Paulista", address = "Av. Paulista, 1000" }), inbox.AppSecret);

        var card = await SettledAttachmentAsync(inbox);
        Assert.Equal("location", card["kind"]!.GetValue<string>());
        Assert.Equal(-23.5613, card["latitude"]!.GetValue<double>());
        Assert.Equal(-46.6565, card["longitude"]!.GetValue<double>());
        Assert.Equal("Loja Paulista", card["title"]!.GetValue<string>());
        Assert.Equal("Av. Paulista, 1000", card["details"]!.GetValue<string>());
        Assert.Null(card["status"]);
        var conversation = (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"))["items"]![0]!;
        Assert.StartsWith("📍", conversation["lastMessage"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedContactsBecomeCards()
    {
        var inbox = await fixture.CreateInboxAsync();
        await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340007", WhatsAppPayloads.NewWamid(), "contacts", new[]
        {
            new { name = new { formatted_name = "João Pereira", first_name = "João" }, phones = new[] { new { phone = "+55 11 98888-7777", wa_id = "5511988887777", type = "CELL" } }, emails = new[] { new { email = "joao@example.com", type = "WORK" } } },
            new { name = new { formatted_name = "<b>Maria</b>", first_name = "Maria" }, phones = new[] { new { phone = "+55 21 97777-6666", wa_id = "5521977776666", type = "CELL" } }, emails = Array.Empty<object>().Select(_ => new { email = "", type = "" }).ToArray() },
        }), inbox.AppSecret);

        var message = await EventuallyMessageAsync(inbox, m => m["attachments"]!.AsArray().Count == 2);
        var cards = message["attachments"]!.AsArray();
        Assert.All(cards, c => Assert.Equal("contacts", c!["kind"]!.GetValue<string>()));
        Assert.Equal("João Pereira", cards[0]!["title"]!.GetValue<string>());
        Assert.Equal("+55 11 98888-7777\njoao@example.com", cards[0]!["details"]!.GetValue<string>());
        Assert.Equal("<b>Maria</b>", cards[1]!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("interactive", "{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"track\",\"title\":\"Rastrear pedido\"}}", "Rastrear pedido")]
    [InlineData("interactive", "{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"opt-2\",\"title\":\"Trocar produto\",\"description\":\"até 7 dias\"}}", "Trocar produto")]
    [InlineData("button", "{\"text\":\"Sim, confirmar\",\"payload\":\"CONFIRM\"}", "Sim, confirmar")]
    public async Task ButtonAndListAnswersReadAsWhatTheCustomerTapped(string type, string content, string expected)
    {
        var inbox = await fixture.CreateInboxAsync();
        await fixture.PostWebhookAsync(WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340008", WhatsAppPayloads.NewWamid(), type, JsonNode.Parse(content)!), inbox.AppSecret);

        var message = await EventuallyMessageAsync(inbox, _ => true);
        Assert.Equal(expected, message["text"]!.GetValue<string>());
        Assert.Empty(message["attachments"]!.AsArray());
    }

    [Fact]
    public async Task ARedeliveredMediaWebhookKeepsOneMessageAndOneDownload()
    {
        var inbox = await fixture.CreateInboxAsync();
        fixture.Graph.AddMedia("4000000000009", "image/jpeg", AppFixture.RandomBytes(64));
        var body = WhatsAppPayloads.Message(inbox.PhoneNumberId, "5511912340009", WhatsAppPayloads.NewWamid(), "image", new { id = "4000000000009", mime_type = "image/jpeg" });
        await fixture.PostWebhookAsync(body, inbox.AppSecret);
        await SettledAttachmentAsync(inbox);
        await fixture.PostWebhookAsync(body, inbox.AppSecret);
        await Task.Delay(1500);

        var messages = (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{await ConversationIdAsync(inbox)}/messages"))["items"]!.AsArray();
        Assert.Single(messages);
        Assert.Single(fixture.Graph.Requests, r => r.Path == "/media-download/4000000000009");
    }

    private async Task<string> ConversationIdAsync(TestInbox inbox)
    {
        var page = await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations?inboxId={inbox.Id}"),
            p => p["items"]!.AsArray().Count == 1,
            "one conversation in the inbox");
        return page["items"]![0]!["id"]!.GetValue<string>();
    }

    private async Task<JsonObject> EventuallyMessageAsync(TestInbox inbox, Func<JsonObject, bool> done)
    {
        var id = await ConversationIdAsync(inbox);
        var items = await AppFixture.EventuallyAsync(
            async () => (await AppFixture.GetJsonAsync(fixture.Admin, $"/api/v1/conversations/{id}/messages"))["items"]!.AsArray(),
            m => m.Count == 1 && done(m[0]!.AsObject()),
            "the customer's message");
        return items[0]!.AsObject();
    }

    private Task<JsonObject> SingleMessageAsync(TestInbox inbox) => EventuallyMessageAsync(inbox, _ => true);

    /// <summary>The message's first attachment once it is no longer waiting for the download worker.</summary>
    private async Task<JsonObject> SettledAttachmentAsync(TestInbox inbox)
    {
        var message = await EventuallyMessageAsync(inbox, m => m["attachments"]!.AsArray() is [{ } a, ..] && a["status"]?.GetValue<string>() != "pending");
        return message["attachments"]![0]!.AsObject();
    }
}
