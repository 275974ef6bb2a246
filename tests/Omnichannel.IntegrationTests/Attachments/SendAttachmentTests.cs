using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Attachments;

/// <summary>Images are limited to 2 KB here, so "too large" is cheap to test.</summary>
public sealed class SmallAttachmentLimits : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Attachments:MaxImageBytes"] = "2048" };
}

/// <summary>An agent's file: checked, stored, then uploaded to WhatsApp and sent by media id through the outbox.</summary>
public sealed class SendAttachmentTests(SmallAttachmentLimits fixture) : IClassFixture<SmallAttachmentLimits>
{
    [Fact]
    public async Task AnImageIsUploadedThenSentByMediaIdWithItsCaption()
    {
        var (inbox, conversationId, phone) = await Infrastructure.Conversations.StartAsync(fixture);
        var bytes = AppFixture.RandomBytes(1500);

        var response = await PostFileAsync(fixture.Admin, conversationId, bytes, "image/png", "produto.png", "segue a foto");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var messageId = Guid.Parse(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        var upload = Assert.Single(fixture.Graph.Uploads, u => u.Path == $"/v23.0/{inbox.PhoneNumberId}/media");
        Assert.Equal("Bearer test-access-token", upload.Authorization);
        Assert.Equal("whatsapp", upload.MessagingProduct);
        Assert.Equal("image/png", upload.Type);
        Assert.Equal(bytes, upload.Bytes);

        var send = Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal));
        var body = JsonNode.Parse(send.Body)!;
        Assert.Equal("image", body["type"]!.GetValue<string>());
        Assert.Equal(upload.Id, body["image"]!["id"]!.GetValue<string>());
        Assert.Equal("segue a foto", body["image"]!["caption"]!.GetValue<string>());
        Assert.Equal(phone, body["to"]!.GetValue<string>());
        Assert.Null(body["text"]);

        var attachment = sent["attachments"]![0]!;
        Assert.Equal("stored", attachment["status"]!.GetValue<string>());
        Assert.Equal("produto.png", attachment["fileName"]!.GetValue<string>());
        Assert.Equal(bytes, await fixture.Admin.GetByteArrayAsync($"/api/v1/attachments/{attachment["id"]}"));
    }

    [Fact]
    public async Task ADocumentIsSentWithItsFileName()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);

        var response = await PostFileAsync(fixture.Admin, conversationId, "%PDF-1.4 fake"u8.ToArray(), "application/pdf", "boleto.pdf", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var messageId = Guid.Parse(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        var body = JsonNode.Parse(Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)).Body)!;
        Assert.Equal("document", body["type"]!.GetValue<string>());
        Assert.Equal("boleto.pdf", body["document"]!["filename"]!.GetValue<string>());
        Assert.Null(body["document"]!["caption"]);
    }

    public static TheoryData<string, string, int, string?, string> BadFiles => new()
    {
        { "pagina.html", "text/html", 100, null, "text/html" },
        { "logo.svg", "image/svg+xml", 100, null, "image/svg+xml" },
        { "setup.exe", "application/x-msdownload", 100, null, "application/x-msdownload" },
        { "grande.png", "image/png", 4096, null, "at most 2 KB" },
        { "vazio.png", "image/png", 0, null, "empty" },
        { "legenda.png", "image/png", 100, new string('x', 1025), "1024" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileIsRefusedWithAProblemAndNothingIsStored(string fileName, string contentType, int size, string? caption, string expected)
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var filesBefore = fixture.StoredFileCount();
        var uploadsBefore = fixture.Graph.Uploads.Count;

        var response = await PostFileAsync(fixture.Admin, conversationId, AppFixture.RandomBytes(size), contentType, fileName, caption);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var errors = problem["errors"]!.AsObject();
        Assert.Contains(expected, string.Join(" ", errors.SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>()))), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.CountAsync("SELECT count(*) FROM messages WHERE conversation_id = $1", conversationId));
        Assert.Equal(0, await fixture.CountAsync("SELECT count(*) FROM outbox_messages WHERE conversation_id = $1", conversationId));
        Assert.Equal(filesBefore, fixture.StoredFileCount());
        Assert.Equal(uploadsBefore, fixture.Graph.Uploads.Count);
    }

    [Fact]
    public async Task ARequestWithoutAFileIsRefused()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        using var form = new MultipartFormDataContent { { new StringContent("só texto"), "text" } };

        var response = await fixture.Admin.PostAsync($"/api/v1/conversations/{conversationId}/attachments", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await fixture.CountAsync("SELECT count(*) FROM outbox_messages WHERE conversation_id = $1", conversationId));
    }

    [Fact]
    public async Task AnAgentOutsideTheInboxCannotSendFilesToIt()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var (_, outsider) = await fixture.CreateUserAsync("agent");
        var filesBefore = fixture.StoredFileCount();

        var response = await PostFileAsync(outsider, conversationId, AppFixture.RandomBytes(100), "image/png", "x.png", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(filesBefore, fixture.StoredFileCount());
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, Guid conversationId, byte[] bytes, string contentType, string fileName, string? caption)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        if (caption is not null)
        {
            form.Add(new StringContent(caption), "text");
        }

        return await client.PostAsync($"/api/v1/conversations/{conversationId}/attachments", form);
    }
}
