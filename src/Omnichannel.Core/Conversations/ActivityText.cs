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

    public static string Reopened() => ReopenedKey;

    public static string StatusChanged(string actorName, ConversationStatus status) => Join(StatusKey, actorName, status.ToString());

    public static string Assigned(string actorName, string assigneeName) => Join(AssignedKey, actorName, assigneeName);

    public static string Unassigned(string actorName) => Join(UnassignedKey, actorName);

    public static (string Key, string[] Args) Parse(string text)
    {
        var parts = text.Split('|');
        return (parts[0], parts[1..]);
    }

    // Names are user-supplied: strip the separator so they cannot shift the arguments.
    private static string Join(string key, params string[] args) => string.Join('|', [key, .. args.Select(a => a.Replace('|', '/'))]);
}
