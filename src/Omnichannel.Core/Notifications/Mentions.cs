using System.Text.RegularExpressions;

namespace Omnichannel.Notifications;

/// <summary>
/// Mentions in private notes are written <c>@[Ana Souza](user:0192…)</c>: the composer inserts them
/// from a picker, so a renamed or ambiguous name can never notify the wrong person.
/// </summary>
public static partial class Mentions
{
    [GeneratedRegex(@"@\[(?<name>[^\]\r\n]{1,200})\]\(user:(?<id>[0-9a-fA-F-]{36})\)")]
    public static partial Regex Pattern();

    public static IReadOnlyList<Guid> UserIds(string text) =>
        Pattern().Matches(text).Select(m => Guid.TryParse(m.Groups["id"].Value, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToList();

    public static string Markup(Guid userId, string name) => $"@[{name.Replace("]", ")", StringComparison.Ordinal)}](user:{userId})";

    /// <summary>The note as plain text ("@Ana Souza"), for previews and notification snippets.</summary>
    public static string Plain(string text) => Pattern().Replace(text, m => "@" + m.Groups["name"].Value);
}
