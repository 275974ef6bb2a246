using Microsoft.Extensions.Localization;
using Omnichannel.Conversations;

namespace Omnichannel.Web.Localization;

/// <summary>Renders stored activity lines ("status|Ana|Resolved") in the reader's language.</summary>
public sealed class ActivityFormatter(IStringLocalizer<UiText> text)
{
    public string Render(string stored)
    {
        var (key, args) = ActivityText.Parse(stored);
        if (key == ActivityText.StatusKey && args.Length == 2 && Enum.TryParse<ConversationStatus>(args[1], out var status))
        {
            args[1] = text[$"Status.{status}"];
        }

        var template = text[$"Activity.{key}"];
        return template.ResourceNotFound ? stored : string.Format(System.Globalization.CultureInfo.CurrentCulture, template.Value, args);
    }
}
