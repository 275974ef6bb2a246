using MudBlazor;

namespace Omnichannel.Web.Components.Layout;

/// <summary>The inbox's look: a dark navigation bar, calm slate surfaces and one blue accent.</summary>
public static class AppTheme
{
    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2563eb",
            Secondary = "#7c3aed",
            Tertiary = "#0d9488",
            Success = "#16a34a",
            Warning = "#d97706",
            Error = "#dc2626",
            Info = "#0284c7",
            AppbarBackground = "#0f172a",
            AppbarText = "#f8fafc",
            Background = "#f1f5f9",
            Surface = "#ffffff",
            TextPrimary = "#0f172a",
            TextSecondary = "#64748b",
            LinesDefault = "#e2e8f0",
            Divider = "#e2e8f0",
            ActionDefault = "#475569",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
                FontSize = "0.875rem",
            },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", AppbarHeight = "56px" },
    };
}
