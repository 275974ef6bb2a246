using Omnichannel.Channels.Instagram;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.Conversations;
using Omnichannel.Inboxes;

namespace Omnichannel.Tests.Instagram;

public sealed class InstagramEventsTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Theory]
    [InlineData("instagram-text.json", "sha256=4d3375c864deea9d9655daae0af73817239d4ee08f5bb09800730a225550ddae")]
    [InlineData("instagram-echo.json", "sha256=6905e72679c6b82b6e6e1e2f667fd405136748f6c0592b9fcf7b51715d1ced99")]
    public void SignatureMatchesMetasOverTheRawBytes(string file, string header)
    {
        var body = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", file));
        Assert.True(MetaSignature.IsValid(body, header, "test-app-secret"));
        body[^3] ^= 1;
        Assert.False(MetaSignature.IsValid(body, header, "test-app-secret"));
    }

    [Fact]
    public void TextFixtureIsACustomerMessageRoutedToTheBusinessAccount()
    {
        var item = Assert.Single(InstagramEvents.Items(InstagramEvents.Parse(Fixture("instagram-text.json"))!));

        Assert.Equal(IgEventKind.Message, item.Kind);
        Assert.Equal("17841400000000001", item.AccountId);
        Assert.Equal("7302918465001234", item.CustomerId);
        var message = InstagramEvents.ToCustomerMessage(item, "Camila");
        Assert.Equal("Vocês têm o tênis Aurora no tamanho 39?", message.Text);
        Assert.Equal("7302918465001234", Assert.Single(message.Sender).ExternalId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767791112031), message.SentAt);
        Assert.Equal(InstagramEvents.MessageKey(message.ProviderMessageId), item.Key);
    }

    [Fact]
    public void EchoFixtureIsRoutedByItsSenderAndAddressedToTheCustomer()
    {
        var item = Assert.Single(InstagramEvents.Items(InstagramEvents.Parse(Fixture("instagram-echo.json"))!));

        Assert.Equal(IgEventKind.Echo, item.Kind);
        Assert.Equal("17841400000000001", item.AccountId);
        Assert.Equal("7302918465001234", item.CustomerId);
    }

    [Fact]
    public void EchoWithoutEntryIdIsRoutedByItsSender()
    {
        var payload = InstagramEvents.Parse("""
            {"object":"instagram","entry":[{"time":1,"messaging":[{"sender":{"id":"111"},"recipient":{"id":"222"},"timestamp":1,"message":{"mid":"m1","text":"x","is_echo":true}}]}]}
            """)!;

        var item = Assert.Single(InstagramEvents.Items(payload));
        Assert.Equal("111", item.AccountId);
        Assert.Equal("222", item.CustomerId);
    }

    [Fact]
    public void UnsendReactAndUnreactHaveTheirOwnKeysSoNoneIsDroppedAsADuplicate()
    {
        var payload = InstagramEvents.Parse("""
            {"object":"instagram","entry":[{"id":"9","time":1,"messaging":[
              {"sender":{"id":"5"},"recipient":{"id":"9"},"timestamp":10,"message":{"mid":"m1","text":"oi"}},
              {"sender":{"id":"5"},"recipient":{"id":"9"},"timestamp":11,"message":{"mid":"m1","is_deleted":true}},
              {"sender":{"id":"5"},"recipient":{"id":"9"},"timestamp":12,"reaction":{"mid":"m2","action":"react","reaction":"love","emoji":"❤️"}},
              {"sender":{"id":"5"},"recipient":{"id":"9"},"timestamp":13,"reaction":{"mid":"m2","action":"unreact"}},
              {"sender":{"id":"5"},"recipient":{"id":"9"},"timestamp":14,"read":{"mid":"m2"}},
              {"sender":{"id":"5"},"recipient":{"id":"9"},"timestamp":15,"referral":{"ref":"ad"}}
            ]}]}
            """)!;

        var items = InstagramEvents.Items(payload).ToList();

        Assert.Equal([IgEventKind.Message, IgEventKind.Deleted, IgEventKind.Reaction, IgEventKind.Reaction, IgEventKind.Read, IgEventKind.Other], items.Select(i => i.Kind));
        Assert.Equal(items.Count, items.Select(i => i.Key).Distinct().Count());
    }

    [Fact]
    public void StoryReplyAttachmentsAndTextAreAllDescribed()
    {
        var message = new IgMessage("m", "Tem em azul?", [new IgAttachment("image", new IgAttachmentPayload("https://cdn.example.com/a.jpg", null))],
            new IgReplyTo(null, new IgStory("1", "https://cdn.example.com/story.jpg")), null, null, null);

        Assert.Equal("[replied to your story] https://cdn.example.com/story.jpg\n[image] https://cdn.example.com/a.jpg\nTem em azul?", InstagramEvents.Describe(message));
        Assert.Equal("[empty message]", InstagramEvents.Describe(new IgMessage("m", null, null, null, null, null, null)));
    }

    [Theory]
    [InlineData(1, ReplyAllowance.FreeForm)]
    [InlineData(23, ReplyAllowance.FreeForm)]
    [InlineData(25, ReplyAllowance.HumanAgentTag)]
    [InlineData(7 * 24 - 1, ReplyAllowance.HumanAgentTag)]
    [InlineData(7 * 24 + 1, ReplyAllowance.Nothing)]
    public void WindowIsTwentyFourHoursThenSevenDaysWithTheHumanAgentTag(int hoursAgo, ReplyAllowance expected)
    {
        var now = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, ReplyWindow.For(ChannelType.Instagram, now.AddHours(-hoursAgo), now).Allowance);
    }

    [Fact]
    public void ACustomerWhoNeverWroteCannotBeMessaged() =>
        Assert.Equal(ReplyAllowance.Nothing, ReplyWindow.For(ChannelType.Instagram, null, DateTimeOffset.UtcNow).Allowance);
}
