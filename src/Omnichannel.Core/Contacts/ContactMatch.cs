using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Contacts;

/// <summary>
/// How a typed query finds contacts, shared by the contact list and the global search. A query of
/// digits (at least <see cref="MinPhoneDigits"/>, formatting ignored) matches phone numbers by
/// substring through the trigram indexes on <c>contacts.phone_key</c> and WhatsApp identities;
/// anything else matches words of the name and e-mail by prefix ("mari" finds "Mariana",
/// accent-insensitive) through the GIN index on <c>contacts.search_vector</c>.
/// </summary>
public sealed class ContactMatch
{
    public const int MinPhoneDigits = 4;

    private ContactMatch(string? prefixQuery, string? exactEmail, IReadOnlyList<string> phoneDigits, IReadOnlyList<string> words)
    {
        PrefixQuery = prefixQuery;
        ExactEmail = exactEmail;
        PhoneDigits = phoneDigits;
        Words = words;
    }

    /// <summary>A to_tsquery expression of sanitised words ("mari:* &amp; lop:*"), or null.</summary>
    public string? PrefixQuery { get; }

    /// <summary>A complete e-mail address, matched as one token.</summary>
    public string? ExactEmail { get; }

    /// <summary>The digits to find inside phone numbers (as typed, and the Brazilian ninth-digit variant).</summary>
    public IReadOnlyList<string> PhoneDigits { get; }

    /// <summary>The words of the query, for highlighting.</summary>
    public IReadOnlyList<string> Words { get; }

    public bool IsPhone => PhoneDigits.Count > 0;

    public bool IsEmpty => PrefixQuery is null && ExactEmail is null && PhoneDigits.Count == 0;

    public static ContactMatch Parse(string query)
    {
        var trimmed = query.Trim();
        if (IsPhoneLike(trimmed, out var digits))
        {
            return new ContactMatch(null, null, PhoneVariants(digits), [digits]);
        }

        if (ContactRules.Email().IsMatch(trimmed))
        {
            return new ContactMatch(null, trimmed.ToLowerInvariant(), [], [trimmed]);
        }

        // Only letters and digits reach to_tsquery, so nothing the user types can break its syntax.
        var words = SplitWords(trimmed);
        var prefix = words.Count == 0 ? null : string.Join(" & ", words.Select(w => w + ":*"));
        return new ContactMatch(prefix, null, [], words);
    }

    /// <summary>Contacts whose name/e-mail words or phone numbers match (merged contacts are never matched).</summary>
    public IQueryable<Contact> Apply(OmnichannelDb db, IQueryable<Contact> contacts)
    {
        contacts = contacts.Where(c => c.MergedIntoId == null);
        if (IsPhone)
        {
            // One LIKE per variant (a GIN trigram index cannot serve LIKE ANY(array)); business-scoped
            // user ids ("BR.8839…") are not phone numbers.
            IQueryable<Guid>? ids = null;
            foreach (var pattern in PhoneDigits.Select(d => "%" + d + "%"))
            {
                var matching = db.ContactIdentities
                    .Where(i => i.Channel == ChannelType.WhatsApp && EF.Functions.Like(i.ExternalId, pattern) && !EF.Functions.Like(i.ExternalId, "%.%"))
                    .Select(i => i.ContactId)
                    .Union(db.Contacts.Where(c => EF.Functions.Like(c.PhoneKey!, pattern)).Select(c => c.Id));
                ids = ids is null ? matching : ids.Union(matching);
            }

            return contacts.Where(c => ids!.Contains(c.Id));
        }

        if (ExactEmail is { } email)
        {
            return contacts.Where(c => EF.Property<NpgsqlTsVector>(c, "SearchVector").Matches(EF.Functions.PlainToTsQuery("omni_simple", email))
                && EF.Functions.ILike(c.Email!, LikeEscape(email), "\\"));
        }

        return PrefixQuery is { } prefix
            ? contacts.Where(c => EF.Property<NpgsqlTsVector>(c, "SearchVector").Matches(EF.Functions.ToTsQuery("omni_simple", prefix)))
            : contacts.Where(_ => false);
    }

    /// <summary>The value as a LIKE pattern that matches only itself (escape character: backslash).</summary>
    public static string LikeEscape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>"+55 (11) 4821" → "55114821": a query is a phone number when it is only digits and phone punctuation.</summary>
    public static bool IsPhoneLike(string query, out string digits)
    {
        digits = new string(query.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= MinPhoneDigits && query.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.');
    }

    /// <summary>
    /// The digits as typed, plus the form stored for Brazilian mobiles: "5511 8888 7777" (without the
    /// ninth digit) is stored as 5511988887777, and "11 8888-7777" (no country code) likewise.
    /// </summary>
    private static List<string> PhoneVariants(string digits)
    {
        var variants = new List<string> { digits, WhatsAppNumber.Normalise(digits) };
        if (digits.Length == 10 && digits[2] is >= '6' and <= '9')
        {
            variants.Add(string.Concat(digits.AsSpan(0, 2), "9", digits.AsSpan(2)));
        }

        return variants.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        // A handful of words is plenty for names; it also bounds the tsquery.
        return words.Distinct(StringComparer.Ordinal).Take(8).ToList();
    }
}
