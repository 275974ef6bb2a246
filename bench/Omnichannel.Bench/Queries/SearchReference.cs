using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Omnichannel.Bench.Queries;

/// <summary>How the message part of a search orders its hits: the choice that decides its cost.</summary>
public enum SearchShape
{
    /// <summary>Newest first by the UUIDv7 primary key: the planner picks the GIN index or a backward walk of <c>pk_messages</c>.</summary>
    Id,

    /// <summary>Newest first by <c>created_at</c> (no index): always every match from the GIN index, then a top-N sort.</summary>
    Recent,

    /// <summary>Best <c>ts_rank</c> first: every match from the GIN index, ranked.</summary>
    Rank,

    /// <summary>
    /// Count the matches up to a cap first (cheap either way); at most the cap → <see cref="Recent"/>
    /// (a bounded sort), more → <see cref="Id"/> (the newest twenty come quickly). The count tells
    /// the app what the planner can only estimate.
    /// </summary>
    Hybrid,
}

/// <summary>
/// Reference SQL for <c>GET /api/v1/search?q=</c> while the endpoint is being written: what a
/// straightforward implementation sends, per <see cref="SearchShape"/>, over
/// <c>messages.search_vector</c> (Portuguese or English stems, accents removed) and contacts
/// (<c>contacts.search_vector</c> for names and e-mails, trigram indexes for phone digits), scoped
/// to the inboxes the user can see. Each returns rows shaped like the API's items:
/// (conversation_id, message_id, snippet).
/// </summary>
public static class SearchReference
{
    public const int Limit = 20;
    public const int HybridCap = 2000;

    private const string Query = "(websearch_to_tsquery('omni_pt', @q) || websearch_to_tsquery('omni_en', @q))";

    /// <param name="hybridMatches">For <see cref="SearchShape.Hybrid"/>: what <see cref="CountAsync"/> returned, which picks the second step.</param>
    public static IReadOnlyList<CapturedCommand> Commands(string q, Guid[]? visibleInboxes, SearchShape shape, long hybridMatches = 0) => shape == SearchShape.Hybrid
        ? [CountCapped(q, visibleInboxes), Contacts(q, visibleInboxes), Messages(q, visibleInboxes, hybridMatches <= HybridCap ? SearchShape.Recent : SearchShape.Id)]
        : [Contacts(q, visibleInboxes), Messages(q, visibleInboxes, shape)];

    /// <summary>The hybrid's first step: how many messages match, up to the cap plus one.</summary>
    public static CapturedCommand CountCapped(string q, Guid[]? visibleInboxes) => new(
        $"SELECT count(*) FROM (SELECT 1 FROM messages m WHERE m.search_vector @@ {Query}{InboxFilter("m", visibleInboxes)} LIMIT {HybridCap + 1}) hits",
        Parameters(q, visibleInboxes),
        double.NaN);

    /// <summary>Runs the hybrid's count and returns it (the shape then depends on it).</summary>
    public static async Task<(long Matches, double Milliseconds)> CountAsync(NpgsqlDataSource database, string q, Guid[]? visibleInboxes)
    {
        var start = Stopwatch.GetTimestamp();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = CountCapped(q, visibleInboxes).ToCommand(connection);
        var count = (long)(await command.ExecuteScalarAsync())!;
        return (count, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static CapturedCommand Messages(string q, Guid[]? visibleInboxes, SearchShape shape)
    {
        var order = shape switch
        {
            SearchShape.Id => "m.id DESC",
            SearchShape.Recent => "m.created_at DESC",
            _ => $"ts_rank(m.search_vector, {Query}) DESC, m.id DESC",
        };
        return new CapturedCommand(
            $"""
            SELECT m.conversation_id, m.id AS message_id,
                   ts_headline('omni_pt', m.text, {Query}, 'MaxFragments=1, MaxWords=18, MinWords=6, StartSel=**, StopSel=**') AS snippet
            FROM messages m
            WHERE m.search_vector @@ {Query}{InboxFilter("m", visibleInboxes)}
            ORDER BY {order}
            LIMIT {Limit}
            """,
            Parameters(q, visibleInboxes),
            double.NaN);
    }

    /// <summary>
    /// Contacts by name or e-mail words, and by any run of at least four phone digits in the typed
    /// phone or a WhatsApp identity; each hit shows as its most recent visible conversation.
    /// </summary>
    private static CapturedCommand Contacts(string q, Guid[]? visibleInboxes)
    {
        var digits = new string([.. q.Where(char.IsAsciiDigit)]);
        var parameters = Parameters(q, visibleInboxes);
        parameters.Add(new NpgsqlParameter("digits", NpgsqlDbType.Text) { Value = digits.Length >= 4 ? $"%{digits}%" : DBNull.Value });
        return new CapturedCommand(
            $"""
            WITH hits AS (
                SELECT c.id FROM contacts c
                WHERE c.search_vector @@ websearch_to_tsquery('omni_simple', @q) AND c.merged_into_id IS NULL
                UNION
                SELECT c.id FROM contacts c WHERE c.phone_key LIKE @digits AND c.merged_into_id IS NULL
                UNION
                SELECT i.contact_id FROM contact_identities i WHERE i.external_id LIKE @digits
            )
            SELECT DISTINCT ON (v.contact_id) v.id AS conversation_id, NULL::uuid AS message_id, ct.name AS snippet
            FROM hits h
            JOIN contacts ct ON ct.id = h.id
            JOIN conversations v ON v.contact_id = h.id
            WHERE v.merged_into_id IS NULL{InboxFilter("v", visibleInboxes)}
            ORDER BY v.contact_id, v.last_activity_at DESC
            LIMIT {Limit}
            """,
            parameters,
            double.NaN);
    }

    private static string InboxFilter(string alias, Guid[]? visibleInboxes) => visibleInboxes is null ? "" : $" AND {alias}.inbox_id = ANY(@inboxes)";

    private static List<NpgsqlParameter> Parameters(string q, Guid[]? visibleInboxes)
    {
        var parameters = new List<NpgsqlParameter> { new("q", NpgsqlDbType.Text) { Value = q } };
        if (visibleInboxes is not null)
        {
            parameters.Add(new NpgsqlParameter("inboxes", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = visibleInboxes });
        }

        return parameters;
    }
}
