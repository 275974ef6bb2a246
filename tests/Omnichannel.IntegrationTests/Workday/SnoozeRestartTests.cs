using System.Net.Http.Json;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Workday;

/// <summary>A snooze that expires while the app is down wakes up on the next start.</summary>
public sealed class SnoozeRestartTests : IAsyncLifetime
{
    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task SnoozeExpiredDuringDowntimeWakesAfterRestart()
    {
        var (_, conversationId, _) = await Infrastructure.Conversations.StartAsync(_fixture);
        await _fixture.Admin.PatchAsJsonAsync($"/api/v1/conversations/{conversationId}", new { status = "snoozed", snoozedUntil = DateTimeOffset.UtcNow.AddSeconds(3) });
        await _fixture.App.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));

        await using var restarted = new OmnichannelApp(_fixture.App.ConnectionString);
        using var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", OmnichannelApp.AdminToken);

        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(client, $"/api/v1/conversations/{conversationId}"),
            c => c["status"]!.GetValue<string>() == "open", "the snooze to wake after the restart", timeoutMs: 15_000);
    }
}
