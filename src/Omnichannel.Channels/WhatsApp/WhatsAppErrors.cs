using System.Globalization;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>
/// Meta error codes (shared/docs/channels.md §1.12): which are worth retrying, and how to say them
/// to an agent. The stored text is English; screens show known codes in the reader's language
/// (UiText keys <c>ProviderError.{code}</c>), so keep the two lists in step.
/// </summary>
public static class WhatsAppErrors
{
    public const int ReEngagement = 131047;
    public const int Undeliverable = 131026;
    public const int ThroughputLimit = 130429;
    public const int PairRateLimit = 131056;

    // Throughput/pair rate limits, "something went wrong", service unavailable, maintenance, Graph rate limits.
    private static readonly HashSet<int> TransientCodes = [1, 2, 4, 80007, ThroughputLimit, 131000, 131016, PairRateLimit, 131057];

    // What an agent can act on, in plain words; other codes show Meta's own message.
    private static readonly Dictionary<int, string> PlainWords = new()
    {
        [ReEngagement] = "More than 24 hours since the customer's last message: send a template.",
        [470] = "More than 24 hours since the customer's last message: send a template.",
        [Undeliverable] = "The message could not be delivered to this number (not on WhatsApp, or it blocked the business).",
        [ThroughputLimit] = "WhatsApp's sending rate limit was hit; the message was retried and still could not be sent. Try again later.",
        [PairRateLimit] = "Too many messages to this customer in a short time; the message was retried and still could not be sent. Try again later.",
        [80007] = "WhatsApp's rate limit for this business account was hit; the message was retried and still could not be sent. Try again later.",
        [4] = "WhatsApp's rate limit for this app was hit; the message was retried and still could not be sent. Try again later.",
    };

    public static bool IsTransient(int? code) => code is { } c && TransientCodes.Contains(c);

    public static string? Code(int? code) => code?.ToString(CultureInfo.InvariantCulture);

    public static string Explain(IReadOnlyList<WebhookError>? errors) =>
        errors is { Count: > 0 } ? Explain(errors[0].Code, errors[0].Title ?? errors[0].Message, errors[0].ErrorData?.Details) : "The provider reported a failure without details.";

    /// <summary>"(131047) More than 24 hours …" for the codes agents can act on, else "(code) Meta's title: details".</summary>
    public static string Explain(int? code, string? title, string? details)
    {
        if (code is { } known && PlainWords.TryGetValue(known, out var plain))
        {
            return $"({known}) {plain}";
        }

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
