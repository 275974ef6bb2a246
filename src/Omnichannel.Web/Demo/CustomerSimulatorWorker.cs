using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Web.Demo;

/// <summary><c>Demo:Simulator*</c>: whether simulated customers write to the demo inbox, and how often.</summary>
public sealed class CustomerSimulatorOptions
{
    public bool Simulator { get; set; }

    public TimeSpan SimulatorMinInterval { get; set; } = TimeSpan.FromSeconds(8);

    public TimeSpan SimulatorMaxInterval { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Demo mode only (<c>Demo:Simulator</c> = true): every few seconds a simulated customer writes to the
/// demo WhatsApp inbox, so a new user sees the inbox alive. Messages take the same path as a real
/// webhook (a Cloud API payload stored in <c>inbound_events</c>, applied by the inbound worker), so
/// contacts, reopening and automatic assignment behave exactly as in production.
/// </summary>
public sealed partial class CustomerSimulatorWorker(
    IServiceScopeFactory scopes, IOptions<CustomerSimulatorOptions> options, TimeProvider clock, ILogger<CustomerSimulatorWorker> logger)
    : BackgroundService
{
    private readonly SimulatedCustomers _customers = new(new Random());
    private bool _reportedMissingInbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Simulator)
        {
            return; // registered only when on; this guards any other way of getting here
        }

        LogStarted(logger, settings.SimulatorMinInterval.TotalSeconds, settings.SimulatorMaxInterval.TotalSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(NextInterval(settings), clock, stoppingToken);
                try
                {
                    await WriteOneAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: nothing half-done to clean up (each message is one insert).
        }
    }

    private static TimeSpan NextInterval(CustomerSimulatorOptions settings)
    {
        var min = settings.SimulatorMinInterval < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : settings.SimulatorMinInterval;
        var max = settings.SimulatorMaxInterval < min ? min : settings.SimulatorMaxInterval;
        return min + ((max - min) * Random.Shared.NextDouble());
    }

    /// <summary>One customer message into the demo inbox; false when there is no demo inbox (not seeded).</summary>
    public async Task<bool> WriteOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var inbox = await db.Inboxes.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Channel == ChannelType.WhatsApp && i.RoutingKey == DemoWorkspace.PhoneNumberId, cancellationToken);
        if (inbox is null)
        {
            if (!_reportedMissingInbox)
            {
                _reportedMissingInbox = true;
                LogNoDemoInbox(logger);
            }

            return false;
        }

        var message = _customers.Next();
        var wamid = "wamid.sim." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var payload = Payload(message, wamid, clock.GetUtcNow());
        var store = scope.ServiceProvider.GetRequiredService<InboundEventStore>();
        await store.AppendAsync(inbox.Id, [WhatsAppEvents.MessageKey(wamid)], payload, cancellationToken);
        return true;
    }

    /// <summary>A text message as Meta's Cloud API delivers it (see tests/…/Fixtures/whatsapp-text.json).</summary>
    private static string Payload(SimulatedMessage message, string wamid, DateTimeOffset at) => JsonSerializer.Serialize(new
    {
        @object = "whatsapp_business_account",
        entry = new[]
        {
            new
            {
                id = "demo-waba",
                changes = new[]
                {
                    new
                    {
                        field = "messages",
                        value = new
                        {
                            messaging_product = "whatsapp",
                            metadata = new { display_phone_number = "15550000000", phone_number_id = DemoWorkspace.PhoneNumberId },
                            contacts = new[] { new { profile = new { name = message.Name }, wa_id = message.Phone } },
                            messages = new[]
                            {
                                new
                                {
                                    from = message.Phone,
                                    id = wamid,
                                    timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                                    type = "text",
                                    text = new { body = message.Text },
                                },
                            },
                        },
                    },
                },
            },
        },
    });

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer simulator on: a demo customer writes every {MinSeconds:0.#}-{MaxSeconds:0.#} s")]
    private static partial void LogStarted(ILogger logger, double minSeconds, double maxSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer simulator: there is no demo inbox (Demo:Seed seeds one on an empty database); waiting")]
    private static partial void LogNoDemoInbox(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer simulator could not write a message")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
