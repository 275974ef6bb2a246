using System.Net;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Delivery;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.WhatsApp;

/// <summary>
/// Meta's error codes reach the agent in plain words, whether Meta answers the send with an error
/// (synchronous) or accepts it and reports a failed status later (asynchronous); rate limits back off and retry.
/// </summary>
public sealed class WhatsAppErrorCodeTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<int, int, string> PermanentCodes => new()
    {
        { 400, 131047, "More than 24 hours since the customer's last message: send a template." },
        { 400, 131026, "The message could not be delivered to this number (not on WhatsApp, or it blocked the business)." },
    };

    [Theory]
    [MemberData(nameof(PermanentCodes))]
    public async Task SynchronousErrorFailsTheMessageOnceWithPlainWords(int httpStatus, int code, string plain)
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(httpStatus, FakeGraphApi.ErrorBody(code, "Meta's own title"));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "olá");

        var failed = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "failed");
        Assert.Equal($"({code}) {plain}", failed["error"]!.GetValue<string>());
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), failed["errorCode"]!.GetValue<string>());
        await Task.Delay(600);
        Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PermanentCodes))]
    public async Task AsynchronousFailedStatusFailsTheMessageWithPlainWords(int httpStatus, int code, string plain)
    {
        _ = httpStatus;
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "olá");
        var sent = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");

        await fixture.PostWebhookAsync(
            WhatsAppPayloads.Status(inbox.PhoneNumberId, sent["providerMessageId"]!.GetValue<string>(), "failed", messageId, code, "Meta's own title"), inbox.AppSecret);

        var failed = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "failed");
        Assert.Equal($"({code}) {plain}", failed["error"]!.GetValue<string>());
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), failed["errorCode"]!.GetValue<string>());
        await Task.Delay(600);
        Assert.Single(fixture.Graph.Sends, s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownCodeShowsMetasOwnMessage()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(400, FakeGraphApi.ErrorBody(132001, "Template name does not exist in the translation", "template name (x) does not exist in pt_BR"));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "olá");

        var failed = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "failed");
        Assert.Equal("(132001) Template name does not exist in the translation: template name (x) does not exist in pt_BR", failed["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(429, 130429)]
    [InlineData(400, 131056)]
    [InlineData(400, 80007)]
    public async Task SynchronousRateLimitBacksOffAndThenSends(int httpStatus, int code)
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(httpStatus, FakeGraphApi.ErrorBody(code, "Rate limit hit"));
        fixture.Graph.Answer(httpStatus, FakeGraphApi.ErrorBody(code, "Rate limit hit"));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "devagar");

        await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent");
        Assert.Equal(3, fixture.Graph.Sends.Count(s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RetryAfterFromTheProviderIsHonoured()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(429, FakeGraphApi.ErrorBody(130429, "Rate limit hit"), retryAfterSeconds: 30);

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "espera");

        // Pending, with the next attempt where Meta asked (the test base delay is 100 ms).
        var row = await AppFixture.EventuallyAsync(
            () => Customers.DbAsync(fixture, db => db.OutboxMessages.AsNoTracking().SingleAsync(o => o.MessageId == messageId)),
            o => o.Attempts == 1 && o.LeasedUntil == null,
            "the first attempt to be recorded");
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.InRange(row.NextAttemptAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
        Assert.Contains("130429", row.LastError, StringComparison.Ordinal);
        Assert.Equal("pending", (await Infrastructure.Conversations.MessageAsync(fixture, conversationId, messageId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AsynchronousRateLimitSendsAgainAndThenSucceeds()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "de novo");
        var first = (await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent"))["providerMessageId"]!.GetValue<string>();

        await fixture.PostWebhookAsync(WhatsAppPayloads.Status(inbox.PhoneNumberId, first, "failed", messageId, 130429, "Rate limit hit"), inbox.AppSecret);

        var resent = await AppFixture.EventuallyAsync(
            () => Infrastructure.Conversations.MessageAsync(fixture, conversationId, messageId),
            m => m["status"]?.GetValue<string>() == "sent" && m["providerMessageId"]?.GetValue<string>() != first,
            "the message to be sent again");
        Assert.Null(resent["error"]);
        Assert.Equal(2, fixture.Graph.Sends.Count(s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)));
    }
}

/// <summary>Two attempts only, so running out of retries is quick to reach.</summary>
public sealed class TwoAttemptsFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "2" };
}

public sealed class WhatsAppRateLimitExhaustedTests(TwoAttemptsFixture fixture) : IClassFixture<TwoAttemptsFixture>
{
    [Fact]
    public async Task SynchronousRateLimitThatNeverClearsFailsVisiblyAfterTheLastAttempt()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        fixture.Graph.Answer(429, FakeGraphApi.ErrorBody(130429, "Rate limit hit"));
        fixture.Graph.Answer(429, FakeGraphApi.ErrorBody(130429, "Rate limit hit"));

        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "sem sorte");

        var failed = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "failed");
        Assert.Equal("130429", failed["errorCode"]!.GetValue<string>());
        Assert.Contains("Gave up after 2 attempts", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("rate limit", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await Task.Delay(600);
        Assert.Equal(2, fixture.Graph.Sends.Count(s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AsynchronousRateLimitThatNeverClearsFailsVisiblyAfterTheLastAttempt()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var messageId = await Infrastructure.Conversations.ReplyAsync(fixture.Admin, conversationId, "também sem sorte");
        var first = (await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "sent"))["providerMessageId"]!.GetValue<string>();
        await fixture.PostWebhookAsync(WhatsAppPayloads.Status(inbox.PhoneNumberId, first, "failed", messageId, 130429, "Rate limit hit"), inbox.AppSecret);
        var second = (await AppFixture.EventuallyAsync(
            () => Infrastructure.Conversations.MessageAsync(fixture, conversationId, messageId),
            m => m["status"]?.GetValue<string>() == "sent" && m["providerMessageId"]?.GetValue<string>() != first,
            "the second send"))["providerMessageId"]!.GetValue<string>();

        await fixture.PostWebhookAsync(WhatsAppPayloads.Status(inbox.PhoneNumberId, second, "failed", messageId, 130429, "Rate limit hit"), inbox.AppSecret);

        var failed = await Infrastructure.Conversations.WaitForMessageStatusAsync(fixture, conversationId, messageId, "failed");
        Assert.Equal("130429", failed["errorCode"]!.GetValue<string>());
        Assert.Contains("rate limit", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        await Task.Delay(600);
        Assert.Equal(2, fixture.Graph.Sends.Count(s => s.Body.Contains(messageId.ToString(), StringComparison.Ordinal)));
    }
}
