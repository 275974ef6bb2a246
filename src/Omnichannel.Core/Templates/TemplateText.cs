using System.Text.RegularExpressions;

namespace Omnichannel.Templates;

/// <summary>Reads and fills the <c>{{n}}</c> placeholders of a template body.</summary>
public static partial class TemplateText
{
    /// <summary>The distinct placeholder numbers in order of first appearance.</summary>
    public static IReadOnlyList<int> Variables(string body) =>
        Placeholder().Matches(body).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();

    /// <summary>How many values an agent must give: the highest placeholder (they are numbered 1..n).</summary>
    public static int VariableCount(string body) => Variables(body) is { Count: > 0 } numbers ? numbers.Max() : 0;

    /// <summary>True when the placeholders are exactly 1..n (each may appear more than once).</summary>
    public static bool AreConsecutive(string body)
    {
        var numbers = Variables(body).Order().ToList();
        return numbers.Select((n, i) => n == i + 1).All(ok => ok);
    }

    public static bool HasPlaceholders(string? text) => text is not null && text.Contains("{{", StringComparison.Ordinal);

    /// <summary>The text the customer receives: header, body with values in place, footer; one paragraph each.</summary>
    public static string Render(MessageTemplate template, IReadOnlyList<string> values)
    {
        var body = Placeholder().Replace(template.Body, m =>
        {
            var index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
            return index < values.Count ? values[index] : m.Value;
        });
        return string.Join("\n\n", new[] { template.Header, body, template.Footer }.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    [GeneratedRegex(@"\{\{\s*(\d{1,2})\s*\}\}")]
    private static partial Regex Placeholder();
}
