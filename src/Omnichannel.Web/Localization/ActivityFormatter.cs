using System.Globalization;
using Microsoft.Extensions.Localization;
using Omnichannel.Conversations;
using Omnichannel.Web.Components.Conversations;

namespace Omnichannel.Web.Localization;

/// <summary>
/// Renders stored activity lines ("status|Ana|Resolved") in the reader's language: statuses and
/// priorities translated, a snooze's wake-up time in the reader's time zone. Lines with an unknown
/// key (written by a newer version) show as stored.
/// </summary>
public sealed class ActivityFormatter(IStringLocalizer<UiText> text, TimeText times)
{
    public string Render(string stored)
    {
        var (key, args) = ActivityText.Parse(stored);
        switch (key)
        {
            case ActivityText.StatusKey when args.Length == 2 && Enum.TryParse<ConversationStatus>(args[1], out var status):
                args[1] = text[$"Status.{status}"];
                break;
            case ActivityText.PriorityKey when args.Length == 2 && Enum.TryParse<Priority>(args[1], out var priority):
                if (priority == Priority.None)
                {
                    key = "priority-none";
                }

                args[1] = text[$"Priority.{priority}"];
                break;
            case ActivityText.SnoozedKey when args.Length == 2
                && DateTimeOffset.TryParse(args[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until):
                args[1] = times.Moment(until);
                break;
        }

        var template = text[$"Activity.{key}"];
        if (template.ResourceNotFound)
        {
            return stored;
        }

        try
        {
            return string.Format(CultureInfo.CurrentCulture, template.Value, args);
        }
        catch (FormatException)
        {
            return stored; // fewer arguments than the template expects: a malformed line
        }
    }
}
