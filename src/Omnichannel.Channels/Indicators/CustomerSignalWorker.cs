using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Omnichannel.Data;
using Omnichannel.Indicators;

namespace Omnichannel.Channels.Indicators;

/// <summary>
/// Sends queued read and typing signals, one at a time, off the agents' circuits. Best-effort: a
/// failure is logged and the signal dropped, never retried (a late "typing" would be wrong, and a
/// missed "seen" only leaves the customer's ticks grey). They never go through the message outbox.
/// </summary>
public sealed partial class CustomerSignalWorker(CustomerSignalQueue queue, IServiceScopeFactory scopes, ILogger<CustomerSignalWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var signal in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(Timeout);
                if (await SendAsync(signal, timeout.Token) is { } problem)
                {
                    Refused(logger, signal.Kind, signal.ConversationId, problem);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Only the exception type: a message may carry the request URL, and the worker goes on.
                Failed(logger, signal.Kind, signal.ConversationId, ex.GetType().Name);
            }
        }
    }

    private async Task<string?> SendAsync(CustomerSignal signal, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Id == signal.InboxId, cancellationToken);
        var sender = inbox is null ? null : scope.ServiceProvider.GetServices<ICustomerSignalSender>().FirstOrDefault(s => s.Channel == inbox.Channel);
        return sender is null ? null : await sender.SendAsync(inbox!, signal, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} signal for conversation {ConversationId} refused by the provider: {Problem}; dropped")]
    private static partial void Refused(ILogger logger, CustomerSignalKind kind, Guid conversationId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} signal for conversation {ConversationId} failed ({Error}); dropped")]
    private static partial void Failed(ILogger logger, CustomerSignalKind kind, Guid conversationId, string error);
}
