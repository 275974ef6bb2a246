using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;

namespace Omnichannel.Realtime;

public enum WatchActivity
{
    Viewing,
    Typing,
    Left,
}

/// <summary>Someone looking at (or typing in) a conversation right now.</summary>
public sealed record Watcher(Guid UserId, string Name, bool Typing);

/// <summary>
/// Who is viewing or typing in which conversation — collision detection, so two agents do not
/// answer the same customer at once. Ephemeral: reports travel by PostgreSQL NOTIFY (no table) so
/// every app instance knows them, and expire unless repeated (viewers every
/// <see cref="ViewingHeartbeat"/>, typists every few seconds).
/// </summary>
public sealed class ConversationWatchers : IDisposable
{
    public static readonly TimeSpan ViewingHeartbeat = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ViewingExpiry = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan TypingExpiry = TimeSpan.FromSeconds(6);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Entry>> _byConversation = new();

    public ConversationWatchers(NpgsqlDataSource dataSource, InboxFeed feed, TimeProvider clock)
    {
        _dataSource = dataSource;
        _clock = clock;
        _subscription = feed.Subscribe(Remember);
    }

    /// <summary>Announces what a user is doing in a conversation to every instance.</summary>
    public async Task ReportAsync(Guid inboxId, Guid conversationId, Guid userId, string name, WatchActivity activity, CancellationToken cancellationToken)
    {
        var inboxEvent = new InboxEvent(InboxEventKind.ConversationPresence, inboxId, conversationId, UserId: userId, Detail: $"{activity}|{name}");
        await using var command = _dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.AddWithValue(InboxEventListener.Channel);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(inboxEvent, RealtimeJson.Default.InboxEvent));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Current viewers of a conversation (typing ones flagged), except <paramref name="exceptUserId"/>.</summary>
    public IReadOnlyList<Watcher> Of(Guid conversationId, Guid? exceptUserId = null)
    {
        if (!_byConversation.TryGetValue(conversationId, out var entries))
        {
            return [];
        }

        var now = _clock.GetUtcNow();
        return entries.Where(e => e.Key != exceptUserId && now - e.Value.SeenAt < ViewingExpiry)
            .Select(e => new Watcher(e.Key, e.Value.Name, e.Value.TypingAt is { } typing && now - typing < TypingExpiry))
            .OrderBy(w => w.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    private void Remember(InboxEvent inboxEvent)
    {
        if (inboxEvent.Kind != InboxEventKind.ConversationPresence || inboxEvent.UserId is not { } userId || inboxEvent.Detail is null)
        {
            return;
        }

        var parts = inboxEvent.Detail.Split('|', 2);
        if (parts.Length != 2 || !Enum.TryParse<WatchActivity>(parts[0], out var activity))
        {
            return;
        }

        var entries = _byConversation.GetOrAdd(inboxEvent.ConversationId, _ => new());
        var now = _clock.GetUtcNow();
        foreach (var stale in entries.Where(e => now - e.Value.SeenAt >= ViewingExpiry || (activity == WatchActivity.Left && e.Key == userId)))
        {
            entries.TryRemove(stale.Key, out _);
        }

        if (activity == WatchActivity.Left)
        {
            if (entries.IsEmpty)
            {
                _byConversation.TryRemove(inboxEvent.ConversationId, out _);
            }

            return;
        }

        entries.AddOrUpdate(
            userId,
            _ => new Entry(parts[1], now, activity == WatchActivity.Typing ? now : null),
            (_, old) => new Entry(parts[1], now, activity == WatchActivity.Typing ? now : old.TypingAt));
    }

    public void Dispose() => _subscription.Dispose();

    private sealed record Entry(string Name, DateTimeOffset SeenAt, DateTimeOffset? TypingAt);
}
