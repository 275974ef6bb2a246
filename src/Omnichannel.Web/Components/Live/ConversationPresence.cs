using Omnichannel.Common;
using Omnichannel.Realtime;

namespace Omnichannel.Web.Components.Live;

/// <summary>
/// Collision detection for one open conversation: tells the other agents this one is viewing it
/// (on open and every <see cref="ConversationWatchers.ViewingHeartbeat"/>), typing (at most every
/// few seconds while the draft changes) and gone (on dispose); and tells the screen who else is
/// there. <paramref name="changed"/> runs off the renderer: hop with InvokeAsync.
/// </summary>
public sealed class ConversationPresence(
    ConversationWatchers watchers, LiveInbox live, Guid inboxId, Guid conversationId, Actor me, Action<IReadOnlyList<Watcher>> changed, ILogger logger)
    : IAsyncDisposable
{
    /// <summary>Typing reports repeat this often while the agent keeps typing (others let "typing" expire after 6 s).</summary>
    public static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(3);

    /// <summary>Expiry on the other side is silent, so the list is re-read this often while anyone is there.</summary>
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private IReadOnlyList<Watcher> _shown = [];
    private DateTimeOffset _lastTyping = DateTimeOffset.MinValue;
    private IDisposable? _events;
    private Timer? _heartbeat;
    private Timer? _recheck;
    private int _disposed;

    public IReadOnlyList<Watcher> Others => _shown;

    public async Task StartAsync()
    {
        _events = live.Listen(e =>
        {
            if ((e.Kind == InboxEventKind.ConversationPresence && e.ConversationId == conversationId) || e.Kind == InboxEventKind.Resync)
            {
                Refresh();
            }
        });
        _heartbeat = new Timer(_ => _ = ReportAsync(WatchActivity.Viewing), null, ConversationWatchers.ViewingHeartbeat, ConversationWatchers.ViewingHeartbeat);
        _recheck = new Timer(_ => Refresh(), null, RecheckInterval, RecheckInterval);
        Refresh();
        await ReportAsync(WatchActivity.Viewing);
    }

    /// <summary>The draft changed: reports typing unless it did so a moment ago.</summary>
    public Task TypingAsync()
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            if (now - _lastTyping < TypingInterval)
            {
                return Task.CompletedTask;
            }

            _lastTyping = now;
        }

        return ReportAsync(WatchActivity.Typing);
    }

    /// <summary>The draft was sent or cleared: the next keystroke reports typing at once.</summary>
    public void StoppedTyping()
    {
        lock (_gate)
        {
            _lastTyping = DateTimeOffset.MinValue;
        }
    }

    private void Refresh()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        var others = watchers.Of(conversationId, me.UserId);
        lock (_gate)
        {
            if (others.SequenceEqual(_shown))
            {
                return;
            }

            _shown = others;
        }

        changed(others);
    }

    private async Task ReportAsync(WatchActivity activity)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await watchers.ReportAsync(inboxId, conversationId, me.UserId, me.Name, activity, timeout.Token);
        }
        catch (Exception ex)
        {
            // Presence is a courtesy: a failed report must not disturb the conversation.
            logger.LogDebug(ex, "Could not report {Activity} in conversation {ConversationId}", activity, conversationId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _events?.Dispose();
        if (_heartbeat is not null)
        {
            await _heartbeat.DisposeAsync();
        }

        if (_recheck is not null)
        {
            await _recheck.DisposeAsync();
        }

        await ReportAsync(WatchActivity.Left);
    }
}
