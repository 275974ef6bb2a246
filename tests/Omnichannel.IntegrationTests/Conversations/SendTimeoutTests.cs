using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Conversations;

public sealed class ShortSendTimeoutFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Outbox:SendTimeout"] = "00:00:01" };
}

public sealed class SendTimeoutTests(ShortSendTimeoutFixture fixture) : IClassFixture<ShortSendTimeoutFixture>
{
    [Fact]
    public async Task ProviderThatDoesNotAnswerInTimeIsRetried()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(200, "{}", delay: TimeSpan.FromSeconds(5));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "demorou");

        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        var attempts = fixture.Graph.Sends.Where(s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[1].Wamid, sent["providerMessageId"]!.GetValue<string>());
    }
}
