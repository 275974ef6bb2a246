using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.IntegrationTests.Infrastructure;
using Omnichannel.Web.Demo;

namespace Omnichannel.IntegrationTests.Demo;

/// <summary>
/// Demo:Simulator: simulated customers write to the demo inbox through the webhook's storage and
/// worker; off (the default) nothing is simulated at all.
/// </summary>
public sealed class CustomerSimulatorTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => TestDatabase.DropAsync(_database);

    [Fact]
    public async Task WhenOnCustomersWriteToTheDemoInboxThroughTheWebhookPathAndItStopsWithTheApp()
    {
        var app = new OmnichannelApp(_database, DemoSettings(new()
        {
            ["Demo:Simulator"] = "true",
            ["Demo:SimulatorMinInterval"] = "00:00:00.050",
            ["Demo:SimulatorMaxInterval"] = "00:00:00.150",
        }));
        try
        {
            app.CreateClient().Dispose();
            Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is CustomerSimulatorWorker);

            // Stored as webhook events (Cloud API payloads) and applied by the inbound worker into conversations.
            await AppFixture.EventuallyAsync(
                () => WithDbAsync(app, db => db.InboundEvents.CountAsync(e => e.ProviderKey.StartsWith("message:wamid.sim.") && e.ProcessedAt != null && e.LastError == null)),
                count => count >= 5,
                "five simulated messages to be applied");
            var simulated = await WithDbAsync(app, db => db.Messages
                .Where(m => m.ProviderMessageId!.StartsWith("wamid.sim."))
                .Select(m => new { m.Direction, m.Text, InDemoInbox = db.Inboxes.Any(i => i.Id == m.InboxId && i.RoutingKey == DemoWorkspace.PhoneNumberId) })
                .ToListAsync());
            Assert.True(simulated.Count >= 5, $"{simulated.Count} simulated messages");
            Assert.All(simulated, m =>
            {
                Assert.Equal(MessageDirection.Incoming, m.Direction);
                Assert.True(m.InDemoInbox);
                Assert.False(string.IsNullOrWhiteSpace(m.Text));
            });
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await app.DisposeAsync();
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"the app took {stopping.Elapsed} to stop");
        }
    }

    [Fact]
    public async Task WhenOffNothingIsSimulated()
    {
        await using var app = new OmnichannelApp(_database, DemoSettings(new()));
        app.CreateClient().Dispose();

        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is CustomerSimulatorWorker);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(0, await WithDbAsync(app, db => db.InboundEvents.CountAsync()));
    }

    [Fact]
    public async Task WithoutADemoInboxTheSimulatorWaitsQuietly()
    {
        await using var app = new OmnichannelApp(_database, new Dictionary<string, string?>
        {
            ["Demo:Simulator"] = "true",
            ["Demo:SimulatorMinInterval"] = "00:00:00.050",
            ["Demo:SimulatorMaxInterval"] = "00:00:00.100",
        });
        using var client = app.CreateClient();

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await WithDbAsync(app, db => db.InboundEvents.CountAsync()));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    private static Dictionary<string, string?> DemoSettings(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?> { ["Demo:Seed"] = "true", ["Demo:Password"] = "demo-password-1", ["Bootstrap:AdminEmail"] = null };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<T> WithDbAsync<T>(OmnichannelApp app, Func<OmnichannelDb, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OmnichannelDb>());
    }
}
