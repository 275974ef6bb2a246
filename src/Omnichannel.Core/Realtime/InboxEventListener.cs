using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Omnichannel.Realtime;

/// <summary>
/// Listens on the PostgreSQL channel that <see cref="Data.OmnichannelDb"/> notifies in the same
/// transaction as each change, and republishes into the local <see cref="InboxFeed"/>.
/// NOTIFY is delivered only on commit, so listeners never see uncommitted state. After a lost
/// connection it reconnects and publishes <see cref="InboxEvent.Resync"/>.
/// </summary>
public sealed partial class InboxEventListener(NpgsqlDataSource dataSource, InboxFeed stream, ILogger<InboxEventListener> logger)
    : BackgroundService
{
    public const string Channel = "omnichannel_inbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (reconnecting)
                {
                    stream.Publish(InboxEvent.Resync);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(logger, ex);
                reconnecting = true;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void OnNotification(string payload)
    {
        var inboxEvent = JsonSerializer.Deserialize(payload, RealtimeJson.Default.InboxEvent);
        if (inboxEvent is not null)
        {
            stream.Publish(inboxEvent);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox event listener lost its connection; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception ex);
}
