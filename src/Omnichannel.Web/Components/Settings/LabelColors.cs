using System.Text.RegularExpressions;

namespace Omnichannel.Web.Components.Settings;

/// <summary>The preset palette of the label colour picker (any #RRGGBB is allowed besides).</summary>
public static partial class LabelColors
{
    public static readonly string[] Palette =
    [
        "#DC2626", "#EA580C", "#D97706", "#65A30D", "#16A34A", "#0D9488",
        "#0891B2", "#2563EB", "#4F46E5", "#7C3AED", "#DB2777", "#475569",
    ];

    public static bool IsValid(string? color) => color is not null && Hex().IsMatch(color);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Hex();
}
