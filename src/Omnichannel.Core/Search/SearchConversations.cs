using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Search;

/// <summary>
/// Finds conversations by what was written in them (Portuguese and English stemming, accents
/// ignored: "nao" finds "não", "delivering" finds "delivered") and by who the contact is (name or
/// e-mail words by prefix, phone digits anywhere in the number). Contact hits come first (at most
/// <see cref="SearchConversationsHandler.MaxContactHits"/>, each pointing at the contact's latest
/// conversation), then message hits, newest first. Only inboxes the actor can see are searched.
/// </summary>
public sealed record SearchConversations(string Q, int Limit = 20) : IQuery<SearchResults>;

public sealed record SearchResults(IReadOnlyList<SearchHit> Items);

public enum SearchHitKind
{
    Message,
    Contact,
}

/// <summary>
/// One result. <see cref="Snippet"/> is plain text in which the matched words are wrapped in
/// « and » (guillemets that were in the text itself are shown as ‹ ›), so a client highlights
/// them without ever trusting markup; see <see cref="Snippets.Parts"/>.
/// </summary>
public sealed record SearchHit(
    Guid ConversationId,
    Guid? MessageId,
    string Snippet,
    SearchHitKind Kind,
    Guid ContactId,
    string ContactName,
    Guid InboxId,
    DateTimeOffset At);

public sealed class SearchConversationsValidator : AbstractValidator<SearchConversations>
{
    public const int MinLength = 2;
    public const int MaxLength = 200;
    public const int MaxLimit = 50;

    public SearchConversationsValidator()
    {
        RuleFor(q => q.Q).Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("'q' is required.");
        RuleFor(q => q.Q).Must(q => q.Trim().Length is >= MinLength and <= MaxLength).When(q => !string.IsNullOrWhiteSpace(q.Q))
            .WithMessage($"'q' must have {MinLength} to {MaxLength} characters.");
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
    }
}

public sealed class SearchConversationsHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<SearchConversations, SearchResults>
{
    public const int MaxContactHits = 5;

    /// <summary>
    /// How many of the newest rows are scanned first. A word that is common recently fills the page
    /// from these alone (the primary key gives them in order, no sort of thousands of matches); a
    /// rarer word falls through to the GIN index, whose matches are then few enough to sort.
    /// Either way no query walks the whole table, which a planner's guess at "how common" can do.
    /// </summary>
    private const int RecentWindow = 10_000;

    private const string HeadlineOptions = "StartSel=«, StopSel=», MaxWords=25, MinWords=10, ShortWord=2";

    public async ValueTask<SearchResults> Handle(SearchConversations query, CancellationToken cancellationToken)
    {
        var q = query.Q.Trim();
        var visible = await access.VisibleInboxIdsAsync(cancellationToken);
        var contactHits = await ContactHitsAsync(q, visible, Math.Min(MaxContactHits, query.Limit), cancellationToken);
        var messageHits = await MessageHitsAsync(q, visible, query.Limit - contactHits.Count, cancellationToken);
        return new SearchResults([.. contactHits, .. messageHits]);
    }

    private async Task<List<SearchHit>> MessageHitsAsync(string q, IReadOnlyList<Guid>? visible, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0 || !q.Any(char.IsLetterOrDigit))
        {
            return [];
        }

        IQueryable<Message> Matching(IQueryable<Message> messages)
        {
            // The stored vector holds both stemmings; the query is stemmed both ways and either may match.
            messages = messages.Where(m => EF.Property<NpgsqlTsVector>(m, "SearchVector")
                .Matches(EF.Functions.WebSearchToTsQuery("omni_pt", q).Or(EF.Functions.WebSearchToTsQuery("omni_en", q))));
            return visible is null ? messages : messages.Where(m => visible.Contains(m.InboxId));
        }

        var recent = db.Messages.AsNoTracking().OrderByDescending(m => m.Id).Take(RecentWindow);
        var ids = await Matching(recent).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit).Select(m => m.Id).ToListAsync(cancellationToken);
        if (ids.Count < limit)
        {
            // Ordered by created_at (not indexed on its own), so the GIN index finds the matches.
            ids = await Matching(db.Messages.AsNoTracking()).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit).Select(m => m.Id).ToListAsync(cancellationToken);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        // Headlines only for the page, in both languages: ts_headline re-parses the text with one
        // configuration, so an English stem is only highlighted by the English one.
        var rows = await (
            from m in db.Messages.AsNoTracking()
            join c in db.Conversations on m.ConversationId equals c.Id
            join contact in db.Contacts on c.ContactId equals contact.Id
            where ids.Contains(m.Id)
            select new
            {
                m.Id,
                m.ConversationId,
                m.InboxId,
                m.CreatedAt,
                ContactId = contact.Id,
                ContactName = contact.Name,
                Start = m.Text.Substring(0, 300),
                Portuguese = EF.Functions.WebSearchToTsQuery("omni_pt", q)
                    .GetResultHeadline("omni_pt", m.Text.Replace("«", "‹").Replace("»", "›"), HeadlineOptions),
                English = EF.Functions.WebSearchToTsQuery("omni_en", q)
                    .GetResultHeadline("omni_en", m.Text.Replace("«", "‹").Replace("»", "›"), HeadlineOptions),
            }).ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new SearchHit(
                r.ConversationId, r.Id, Snippets.FromHeadline(Highlights(r.English) > Highlights(r.Portuguese) ? r.English : r.Portuguese, r.Start),
                SearchHitKind.Message, r.ContactId, r.ContactName, r.InboxId, r.CreatedAt))
            .ToList();
    }

    private static int Highlights(string headline) => headline.Count(c => c == Snippets.Start);

    private async Task<List<SearchHit>> ContactHitsAsync(string q, IReadOnlyList<Guid>? visible, int limit, CancellationToken cancellationToken)
    {
        var match = ContactMatch.Parse(q);
        if (limit <= 0 || match.IsEmpty)
        {
            return [];
        }

        // Phone and e-mail matches are few by nature, and so are several name words together; one
        // word can be as common as "Ana", so it looks at the newest contacts first.
        List<Guid> ids = [];
        if (match.PrefixQuery is not null && match.Words.Count == 1)
        {
            var recent = db.Contacts.AsNoTracking().OrderByDescending(c => c.Id).Take(RecentWindow);
            ids = await match.Apply(db, ContactAccess.Visible(db, recent, visible))
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(limit).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        if (ids.Count < limit)
        {
            ids = await match.Apply(db, ContactAccess.Visible(db, db.Contacts.AsNoTracking(), visible))
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(limit).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Contacts.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Email,
                c.Phone,
                c.PhoneKey,
                c.CreatedAt,
                Numbers = c.Identities.Where(i => i.Channel == ChannelType.WhatsApp).Select(i => i.ExternalId).ToList(),
            })
            .ToListAsync(cancellationToken);
        // Each hit opens the contact's latest conversation the actor can see (a handful of contacts: read them all).
        var conversations = db.Conversations.AsNoTracking().Where(v => ids.Contains(v.ContactId) && v.MergedIntoId == null);
        if (visible is not null)
        {
            conversations = conversations.Where(v => visible.Contains(v.InboxId));
        }

        var latest = (await conversations.Select(v => new { v.Id, v.ContactId, v.InboxId, v.LastActivityAt }).ToListAsync(cancellationToken))
            .GroupBy(v => v.ContactId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.LastActivityAt).ThenByDescending(v => v.Id).First());
        return rows
            .Where(r => latest.ContainsKey(r.Id))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new SearchHit(
                latest[r.Id].Id, null, ContactSnippet(match, r.Name, r.Email, r.Phone, r.PhoneKey, r.Numbers),
                SearchHitKind.Contact, r.Id, r.Name, latest[r.Id].InboxId, latest[r.Id].LastActivityAt))
            .ToList();
    }

    /// <summary>"«Mari»ana Lopes · mariana@example.com" or "Mariana Lopes · «+55 11 98888-7777»".</summary>
    private static string ContactSnippet(ContactMatch match, string name, string? email, string? phone, string? phoneKey, List<string> numbers)
    {
        if (match.IsPhone)
        {
            var number = numbers.Where(n => !WhatsAppNumber.IsBusinessScopedUserId(n)).Append(phoneKey)
                .FirstOrDefault(n => n is not null && match.PhoneDigits.Any(d => n.Contains(d, StringComparison.Ordinal)));
            var shown = number == phoneKey && phone is not null ? phone : PhoneDisplay.Format(number ?? "");
            return $"{Snippets.Plain(name)} · «{Snippets.Plain(shown)}»";
        }

        var text = email is null ? name : $"{name} · {email}";
        return Snippets.HighlightWords(text, match.Words, match.ExactEmail is not null);
    }
}

/// <summary>Plain-text snippets with «highlights»: built from ts_headline or by word prefix, and read back for display.</summary>
public static partial class Snippets
{
    public const char Start = '«';
    public const char End = '»';

    /// <summary>The text with any guillemets of its own made harmless (‹ ›), so « and » only ever mark highlights.</summary>
    public static string Plain(string text) => text.Replace(Start, '‹').Replace(End, '›');

    /// <summary>A ts_headline (run on the text with its guillemets replaced) with whitespace collapsed and "…" where it was cut.</summary>
    public static string FromHeadline(string headline, string textStart)
    {
        var snippet = Whitespace().Replace(headline, " ").Trim();
        var firstWord = Word().Match(textStart);
        var cutAtStart = firstWord.Success && !snippet.Replace(Start.ToString(), "", StringComparison.Ordinal).StartsWith(firstWord.Value, StringComparison.Ordinal);
        return cutAtStart ? "… " + snippet : snippet;
    }

    /// <summary>Wraps the words of <paramref name="text"/> that start with one of <paramref name="words"/> (accents and case ignored).</summary>
    public static string HighlightWords(string text, IReadOnlyList<string> words, bool wholeText)
    {
        var plain = Plain(text);
        if (wholeText)
        {
            return Word().Replace(plain, m => words.Any(w => Fold(w) == Fold(m.Value)) ? $"{Start}{m.Value}{End}" : m.Value);
        }

        var folded = words.Select(Fold).ToList();
        return Word().Replace(plain, m => folded.Any(w => Fold(m.Value).StartsWith(w, StringComparison.Ordinal)) ? $"{Start}{m.Value}{End}" : m.Value);
    }

    /// <summary>Splits a snippet into runs of text and whether each run is highlighted (for rendering as text, never markup).</summary>
    public static IReadOnlyList<(string Text, bool Highlighted)> Parts(string snippet)
    {
        var parts = new List<(string, bool)>();
        var highlighted = false;
        var current = new System.Text.StringBuilder();
        foreach (var c in snippet)
        {
            if (c == Start || c == End)
            {
                if (current.Length > 0)
                {
                    parts.Add((current.ToString(), highlighted));
                    current.Clear();
                }

                highlighted = c == Start;
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            parts.Add((current.ToString(), highlighted));
        }

        return parts;
    }

    private static string Fold(string value)
    {
        var decomposed = value.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>A word, or a whole e-mail address.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}._%+\-]*@[\p{L}\p{N}.\-]+|[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
