using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Omnichannel.Realtime;

/// <summary>
/// In-process fan-out of inbox events (one per app instance). Fed by <see cref="InboxEventListener"/>
/// from PostgreSQL NOTIFY, so every instance sees every committed change; Blazor circuits and the
/// SignalR hub bridge subscribe here.
/// </summary>
public sealed partial class InboxFeed(ILogger<InboxFeed> logger)
{
    private ImmutableArray<Action<InboxEvent>> _subscribers = [];

    public IDisposable Subscribe(Action<InboxEvent> onEvent)
    {
        ImmutableInterlocked.Update(ref _subscribers, s => s.Add(onEvent));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(onEvent)));
    }

    public void Publish(InboxEvent inboxEvent)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(inboxEvent);
            }
            catch (Exception ex)
            {
                LogSubscriberFailed(logger, ex, inboxEvent.Kind);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An inbox event subscriber failed on {Kind}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception ex, InboxEventKind kind);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
