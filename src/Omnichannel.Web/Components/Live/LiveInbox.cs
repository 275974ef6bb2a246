using System.Collections.Immutable;
using System.Globalization;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Web.Components.Live;

/// <summary>
/// The inbox events one circuit (one browser tab) may see. Subscribes once to the process-wide
/// <see cref="InboxFeed"/> and passes on only events of inboxes the user can see (agents: the
/// inboxes they are members of), so no screen even learns that a hidden conversation changed.
/// Events about one user (notifications) reach only that user's circuits; availability changes
/// (no inbox) reach everyone, since agents are listed everywhere.
/// Events carry ids only; listeners re-query through use cases, which check permissions again.
/// Scoped: it lives as long as the circuit, also while the browser is disconnected.
/// </summary>
public sealed class LiveInbox(InboxFeed feed, UseCases useCases, ILogger<LiveInbox> logger) : IDisposable
{
    private ImmutableArray<Action<InboxEvent>> _listeners = [];
    private IDisposable? _feedSubscription;
    private Task? _started;
    private volatile VisibleInboxes? _visible;
    private CultureInfo _culture = CultureInfo.CurrentCulture;
    private CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    /// <summary>Starts listening (once per circuit); returns when the visible inboxes are known.</summary>
    public Task StartAsync() => _started ??= StartCoreAsync();

    /// <summary>Runs <paramref name="listener"/> on the feed's thread for each visible event: hop to the renderer with InvokeAsync.</summary>
    public IDisposable Listen(Action<InboxEvent> listener)
    {
        ImmutableInterlocked.Update(ref _listeners, l => l.Add(listener));
        return new Subscription(() => ImmutableInterlocked.Update(ref _listeners, l => l.Remove(listener)));
    }

    /// <summary>The browser was away: whatever it shows may be stale, so every listener reloads.</summary>
    public void CatchUp() => OnFeedEvent(InboxEvent.Resync);

    public void Dispose() => _feedSubscription?.Dispose();

    private async Task StartCoreAsync()
    {
        // The language the page renders in (StartAsync runs on the circuit, inside a component).
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        _visible = await VisibleInboxes.LoadAsync(useCases);
        // Screens load their data after this returns, so nothing committed before now is missed.
        _feedSubscription = feed.Subscribe(OnFeedEvent);
    }

    private void OnFeedEvent(InboxEvent inboxEvent)
    {
        var visible = _visible;
        if (visible is null)
        {
            return;
        }

        if (inboxEvent.Kind == InboxEventKind.Resync)
        {
            // Memberships may have changed while events were missed.
            _ = RefreshVisibleAsync();
        }
        else if (inboxEvent.Kind == InboxEventKind.NotificationCreated)
        {
            if (inboxEvent.UserId != visible.UserId)
            {
                return;
            }
        }
        else if (inboxEvent.Kind != InboxEventKind.AgentAvailability && !visible.Contains(inboxEvent.InboxId))
        {
            return;
        }

        // Listeners hop to their renderer with InvokeAsync, which carries the caller's culture: make
        // that the circuit's (the agent's language), not the feed thread's, while they are called.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
        try
        {
            foreach (var listener in _listeners)
            {
                try
                {
                    listener(inboxEvent);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "An inbox screen failed to take a {Kind} event", inboxEvent.Kind);
                }
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private async Task RefreshVisibleAsync()
    {
        try
        {
            _visible = await VisibleInboxes.LoadAsync(useCases);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not reload the visible inboxes");
        }
    }

    private sealed record VisibleInboxes(Guid UserId, bool All, IReadOnlySet<Guid> Ids)
    {
        public bool Contains(Guid inboxId) => All || Ids.Contains(inboxId);

        public static async Task<VisibleInboxes> LoadAsync(UseCases useCases)
        {
            var actor = await useCases.ActorAsync();
            if (actor.SeesAllInboxes)
            {
                return new VisibleInboxes(actor.UserId, true, new HashSet<Guid>());
            }

            var inboxes = await useCases.Send(new ListInboxes());
            return new VisibleInboxes(actor.UserId, false, inboxes.Select(i => i.Id).ToHashSet());
        }
    }

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
