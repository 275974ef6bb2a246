using Omnichannel.Conversations;
using Omnichannel.Inboxes;

namespace Omnichannel.Tests.Conversations;

public sealed class ReplyWindowTests
{
    private static readonly DateTimeOffset LastCustomerMessage = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, ReplyAllowance.FreeForm)]
    [InlineData(23 * 3600 + 59 * 60 + 59, ReplyAllowance.FreeForm)]
    [InlineData(24 * 3600, ReplyAllowance.TemplateOnly)]
    [InlineData(24 * 3600 + 1, ReplyAllowance.TemplateOnly)]
    [InlineData(30 * 24 * 3600, ReplyAllowance.TemplateOnly)]
    public void WhatsAppAllowsFreeFormRepliesForTwentyFourHoursAfterTheCustomersLastMessage(int secondsLater, ReplyAllowance expected)
    {
        var window = ReplyWindow.For(ChannelType.WhatsApp, LastCustomerMessage, LastCustomerMessage.AddSeconds(secondsLater));

        Assert.Equal(expected, window.Allowance);
        Assert.Equal(LastCustomerMessage.AddHours(24), window.EndsAt);
    }

    [Fact]
    public void ConversationTheCustomerNeverWroteInNeedsATemplate()
    {
        var window = ReplyWindow.For(ChannelType.WhatsApp, null, LastCustomerMessage);

        Assert.True(window.AllowsTemplatesOnly);
        Assert.Null(window.EndsAt);
    }

    [Theory]
    [InlineData(ChannelType.Instagram, 7 * 24)]
    [InlineData(ChannelType.WhatsApp, null)]
    public void TheHumanAgentTagPeriodEndsSevenDaysAfterTheCustomersLastMessageOnInstagramOnly(ChannelType channel, int? hours)
    {
        Assert.Equal(hours is { } h ? (DateTimeOffset?)LastCustomerMessage.AddHours(h) : null, ReplyWindow.HumanAgentTagEndsAt(channel, LastCustomerMessage));
        Assert.Null(ReplyWindow.HumanAgentTagEndsAt(channel, null));
    }
}
