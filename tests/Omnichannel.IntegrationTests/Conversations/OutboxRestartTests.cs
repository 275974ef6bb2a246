using Npgsql;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Conversations;

/// <summary>The outbox across a process restart: what was sent stays sent; what was pending goes out once.</summary>
public sealed class OutboxRestartTests : IAsyncLifetime
{
    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task SentRowsAreNotResentAndPendingRowsAreSentOnceAfterARestart()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(_fixture);
        var sentBefore = await Infrastructure.Conversations.ReplyAsync(_fixture.Admin, conversationId, "antes do reinício");
        await Infrastructure.Conversations.WaitForMessageStatusAsync(_fixture, conversationId, sentBefore, "sent");

        // Simulate a crash mid-retry: the provider is down, the row waits for its next attempt.
        _fixture.Graph.Answer(503, FakeGraphApi.ErrorBody(131016, "Service unavailable"));
        var pending = await Infrastructure.Conversations.ReplyAsync(_fixture.Admin, conversationId, "durante a queda");
        await AppFixture.EventuallyAsync(
            () => Task.FromResult(_fixture.Graph.Sends.Count(s => s.Body.Contains(pending.ToString(), StringComparison.Ordinal))),
            n => n >= 1, "the first failing attempt");
        await _fixture.App.DisposeAsync();

        await using var restarted = new OmnichannelApp(_fixture.App.ConnectionString);
        using var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", OmnichannelApp.AdminToken);

        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(client, $"/api/v1/conversations/{conversationId}/messages"),
            page => page["items"]!.AsArray().Any(m => m!["id"]!.GetValue<string>() == pending.ToString() && m["status"]?.GetValue<string>() == "sent"),
            "the pending reply to be sent after the restart");
        await Task.Delay(1000);

        Assert.Single(_fixture.Graph.Sends, s => s.Body.Contains(sentBefore.ToString(), StringComparison.Ordinal));
        Assert.Equal(2, _fixture.Graph.Sends.Count(s => s.Body.Contains(pending.ToString(), StringComparison.Ordinal)));
        await using var connection = new NpgsqlConnection(_fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE status <> 'Sent'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
