using System.Collections.Concurrent;

namespace Omnichannel.Indicators;

/// <summary>
/// At most one "typing" signal per conversation every <see cref="Interval"/> (on this instance):
/// WhatsApp shows it for up to 25 s and Instagram until "typing_off" or a message, so more would only spend API calls.
/// </summary>
public sealed class TypingThrottle(TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastSent = new();

    /// <summary>True (and remembered) when no typing signal went out for the conversation in the last <see cref="Interval"/>.</summary>
    public bool TryStart(Guid conversationId)
    {
        var now = clock.GetUtcNow();
        if (_lastSent.Count > PruneAbove)
        {
            // Agents who typed and left without sending: their entries are stale, not worth keeping.
            foreach (var (id, at) in _lastSent.Where(e => now - e.Value >= Interval).ToList())
            {
                _lastSent.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(id, at));
            }
        }

        while (true)
        {
            if (_lastSent.TryGetValue(conversationId, out var last))
            {
                if (now - last < Interval)
                {
                    return false;
                }

                if (_lastSent.TryUpdate(conversationId, now, last))
                {
                    return true;
                }
            }
            else if (_lastSent.TryAdd(conversationId, now))
            {
                return true;
            }
        }
    }

    /// <summary>Forgets the conversation; true when a typing signal may still be showing (worth an explicit "off").</summary>
    public bool Stop(Guid conversationId) =>
        _lastSent.TryRemove(conversationId, out var last) && clock.GetUtcNow() - last < Interval;
}
