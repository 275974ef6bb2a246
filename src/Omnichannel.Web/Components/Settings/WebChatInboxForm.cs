using Omnichannel.Channels.WebChat;

namespace Omnichannel.Web.Components.Settings;

/// <summary>What the admin types for a new web-chat inbox, turned into the settings object the API takes.</summary>
public sealed class WebChatInboxForm
{
    public string SiteName { get; set; } = "";

    /// <summary>One origin per line (or comma separated); empty lets any site embed the widget.</summary>
    public string AllowedOrigins { get; set; } = "";

    public string Color { get; set; } = WebChatSettings.DefaultColor;

    public string Greeting { get; set; } = "";

    public string Language { get; set; } = "en";

    public bool PreChatForm { get; set; }

    public HashSet<string> PreChatRequired { get; } = [];

    /// <summary>Blank: the server generates one and the next screen shows it once.</summary>
    public string IdentitySecret { get; set; } = "";

    /// <summary>The form for editing a connected widget, filled from its stored (public) settings.</summary>
    public static WebChatInboxForm From(System.Text.Json.JsonElement settings)
    {
        var stored = System.Text.Json.JsonSerializer.Deserialize<WebChatSettings>(settings.GetRawText(), System.Text.Json.JsonSerializerOptions.Web)!;
        var form = new WebChatInboxForm
        {
            SiteName = stored.SiteName,
            AllowedOrigins = string.Join('\n', stored.AllowedOrigins),
            Color = stored.Color,
            Greeting = stored.Greeting,
            Language = stored.Language,
            PreChatForm = stored.PreChatForm,
        };
        form.PreChatRequired.UnionWith(stored.PreChatRequired);
        return form;
    }

    public Dictionary<string, object> ToSettings()
    {
        var settings = new Dictionary<string, object>
        {
            ["siteName"] = SiteName,
            ["allowedOrigins"] = AllowedOrigins.Split(['\n', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ["color"] = Color,
            ["greeting"] = Greeting,
            ["language"] = Language,
            ["preChatForm"] = PreChatForm,
            ["preChatRequired"] = PreChatForm ? PreChatRequired.ToArray() : [],
        };
        if (!string.IsNullOrWhiteSpace(IdentitySecret))
        {
            settings["identitySecret"] = IdentitySecret;
        }

        return settings;
    }
}
