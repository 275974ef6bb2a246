namespace Omnichannel.Conversations;

/// <summary>
/// Activity lines ("Ana resolved the conversation") are stored as a key plus arguments
/// ("status|Ana|Resolved") and rendered in the reader's language when displayed.
/// </summary>
public static class ActivityText
{
    public const string ReopenedKey = "reopened";
    public const string StatusKey = "status";
    public const string AssignedKey = "assigned";
    public const string UnassignedKey = "unassigned";
    public const string SelfAssignedKey = "self-assigned";
    public const string RoutedKey = "routed";
    public const string ReturnedKey = "returned";
    public const string TeamKey = "team";
    public const string NoTeamKey = "no-team";
    public const string PriorityKey = "priority";
    public const string LabelAddedKey = "label-added";
    public const string LabelRemovedKey = "label-removed";
    public const string SnoozedKey = "snoozed";
    public const string WokeKey = "woke";
    public const string MergedKey = "merged";
    public const string MergedIntoKey = "merged-into";
    public const string UnmergedKey = "unmerged";

    public static string Reopened() => ReopenedKey;

    public static string StatusChanged(string actorName, ConversationStatus status) => Join(StatusKey, actorName, status.ToString());

    public static string Assigned(string actorName, string assigneeName) =>
        actorName == assigneeName ? Join(SelfAssignedKey, actorName) : Join(AssignedKey, actorName, assigneeName);

    public static string Unassigned(string actorName) => Join(UnassignedKey, actorName);

    public static string RoutedTo(string assigneeName) => Join(RoutedKey, assigneeName);

    public static string ReturnedToQueue() => ReturnedKey;

    public static string Team(string actorName, string teamName) => Join(TeamKey, actorName, teamName);

    public static string NoTeam(string actorName) => Join(NoTeamKey, actorName);

    public static string PriorityChanged(string actorName, Priority priority) => Join(PriorityKey, actorName, priority.ToString());

    public static string LabelAdded(string actorName, string label) => Join(LabelAddedKey, actorName, label);

    public static string LabelRemoved(string actorName, string label) => Join(LabelRemovedKey, actorName, label);

    /// <summary>The wake-up time is stored as an ISO-8601 instant and shown in the reader's time zone.</summary>
    public static string Snoozed(string actorName, DateTimeOffset until) => Join(SnoozedKey, actorName, until.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    public static string WokeUp() => WokeKey;

    public static string Merged(string actorName, Guid otherConversationId) => Join(MergedKey, actorName, otherConversationId.ToString());

    public static string MergedInto(string actorName, Guid survivorId) => Join(MergedIntoKey, actorName, survivorId.ToString());

    public static string Unmerged(string actorName, Guid otherConversationId) => Join(UnmergedKey, actorName, otherConversationId.ToString());

    public static (string Key, string[] Args) Parse(string text)
    {
        var parts = text.Split('|');
        return (parts[0], parts[1..]);
    }

    // Names are user-supplied: strip the separator so they cannot shift the arguments.
    private static string Join(string key, params string[] args) => string.Join('|', [key, .. args.Select(a => a.Replace('|', '/'))]);
}
