namespace Omnichannel.Channels.WhatsApp;

/// <summary>Meta error codes (shared/docs/channels.md §1.12): which are worth retrying, and how to say them to an agent.</summary>
public static class WhatsAppErrors
{
    // Throughput/pair rate limits, "something went wrong", service unavailable, maintenance, Graph rate limits.
    private static readonly HashSet<int> TransientCodes = [1, 2, 4, 80007, 130429, 131000, 131016, 131056, 131057];

    public static bool IsTransient(int? code) => code is { } c && TransientCodes.Contains(c);

    public static string Explain(IReadOnlyList<WebhookError>? errors) =>
        errors is { Count: > 0 } ? Explain(errors[0].Code, errors[0].Title ?? errors[0].Message, errors[0].ErrorData?.Details) : "The provider reported a failure without details.";

    public static string Explain(int? code, string? title, string? details)
    {
        var text = (title, details) switch
        {
            (null, null) => "error",
            (_, null) => title,
            (null, _) => details,
            _ => $"{title}: {details}",
        };
        return code is { } c ? $"({c}) {text}" : text;
    }
}
