using System.Text;
using System.Text.Json;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.Conversations;

namespace Omnichannel.Tests.WhatsApp;

public sealed class WhatsAppEventsTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Theory]
    [InlineData("whatsapp-text.json", "sha256=af849e2d283fc063ab87348160ecbbc1f3d47df84c77da37c4ff633c207cb5f7")]
    [InlineData("whatsapp-image.json", "sha256=eb87715e4c59af187e90b574bf6f7ba6752a727d3abb0e062bfa999ed4b7e863")]
    [InlineData("whatsapp-status-failed.json", "sha256=ae1bdc78098dad06ae440a0e0a81aa7c0223b22df21447948c3f56da144a3ffa")]
    public void SignatureMatchesMetasOverTheRawBytes(string file, string header)
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", file));
        Assert.True(MetaSignature.IsValid(body, header, "test-app-secret"));
        Assert.False(MetaSignature.IsValid(body, header, "other-secret"));
        body[^2] ^= 1;
        Assert.False(MetaSignature.IsValid(body, header, "test-app-secret"));
    }

    [Fact]
    public void TextFixtureBecomesACustomerMessageWithPhoneAndUserId()
    {
        var payload = WhatsAppEvents.Parse(Fixture("whatsapp-text.json"))!;
        var value = Assert.Single(WhatsAppEvents.ValuesFor(payload, "412233445566778"));
        var message = WhatsAppEvents.ToCustomerMessage(value, Assert.Single(value.Messages!))!;

        Assert.Equal("Mariana Lopes", message.SenderName);
        Assert.Equal("Oi! Meu pedido 48213 ainda não chegou, vocês podem verificar?", message.Text);
        Assert.Equal(["5511900000001", "BR.8839201746553019"], message.Sender.Select(k => k.ExternalId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767787200), message.SentAt);
        Assert.Equal(["message:" + message.ProviderMessageId], WhatsAppEvents.ProviderKeys(value));
    }

    [Fact]
    public void ImageFixtureBecomesAPlaceholderWithItsCaption()
    {
        var payload = WhatsAppEvents.Parse(Fixture("whatsapp-image.json"))!;
        var value = Assert.Single(WhatsAppEvents.ValuesFor(payload));
        Assert.Equal("[image] A caixa chegou amassada, segue a foto", WhatsAppEvents.Describe(Assert.Single(value.Messages!)));
    }

    [Fact]
    public void FailedStatusFixtureCarriesOurIdAndAReadableError()
    {
        var payload = WhatsAppEvents.Parse(Fixture("whatsapp-status-failed.json"))!;
        var status = Assert.Single(Assert.Single(WhatsAppEvents.ValuesFor(payload)).Statuses!);

        Assert.Equal(DeliveryStatus.Failed, WhatsAppEvents.ToDeliveryStatus(status.Status));
        Assert.Equal(Guid.Parse("c4a1e8f2-3d7b-4e9a-8f10-6b2d5c9e7a41"), WhatsAppEvents.OurMessageId(status.CallbackData));
        Assert.Equal("(131047) More than 24 hours since the customer's last message: send a template.", WhatsAppErrors.Explain(status.Errors));
    }

    [Fact]
    public void StatusKeysDifferPerStatusSoEachReceiptIsKept()
    {
        Assert.NotEqual(WhatsAppEvents.StatusKey("wamid.1", "sent"), WhatsAppEvents.StatusKey("wamid.1", "delivered"));
    }

    [Theory]
    [InlineData(130429, true)]
    [InlineData(131000, true)]
    [InlineData(131047, false)]
    [InlineData(131026, false)]
    [InlineData(null, false)]
    public void OnlyThrottlingAndOutagesAreRetried(int? code, bool transient) => Assert.Equal(transient, WhatsAppErrors.IsTransient(code));

    [Fact]
    public void UnknownTypesAreKeptAsPlaceholders()
    {
        var payload = WhatsAppEvents.Parse("""{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"1"},"messages":[{"id":"w","from":"5511900000001","type":"location","location":{"latitude":1,"longitude":2,"name":"Loja Centro","address":"Rua A, 1"}},{"id":"w2","from":"5511900000001","type":"sticker","sticker":{"id":"9"}}]}}]}]}""")!;
        var messages = Assert.Single(WhatsAppEvents.ValuesFor(payload)).Messages!;
        Assert.Equal("[location] Loja Centro, Rua A, 1", WhatsAppEvents.Describe(messages[0]));
        Assert.Equal("[sticker]", WhatsAppEvents.Describe(messages[1]));
    }

    [Fact]
    public void SignatureOverEscapedUnicodeIsNotTheSameAsOverDecodedText()
    {
        // Meta signs the body as sent (\u-escaped); re-serialising would change the bytes.
        var raw = Fixture("whatsapp-text.json");
        var reserialised = JsonSerializer.Serialize(JsonSerializer.Deserialize<JsonElement>(raw), Relaxed);
        Assert.NotEqual(MetaSignature.Compute(Encoding.UTF8.GetBytes(raw), "k"), MetaSignature.Compute(Encoding.UTF8.GetBytes(reserialised), "k"));
    }
}
