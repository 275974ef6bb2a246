namespace Omnichannel.Channels.Instagram;

/// <summary>Graph API errors on Instagram sends (shared/docs/channels.md §2.3), in words an agent can act on, and which are worth retrying.</summary>
public static class InstagramErrors
{
    // Throttling (application, user, page, custom rate limits; Instagram's per-account limits) and temporary faults.
    private static readonly HashSet<int> TransientCodes = [1, 2, 4, 17, 32, 341, 613, 80002, 80006];

    public static bool IsTransient(int? code) => code is { } c && TransientCodes.Contains(c);

    public static string Explain(int? code, int? subcode, string? message)
    {
        var plain = (code, subcode) switch
        {
            (10, 2534022) or (_, 2534022) => "Instagram refused it: the reply window has closed (24 hours, or 7 days for a human agent's reply).",
            (190, _) => "The Instagram access token is invalid or expired: an admin must update the inbox's token.",
            (551, _) => "This person is not available on Instagram right now (they may have blocked the account or left Instagram).",
            (4 or 17 or 32 or 613 or 80002 or 80006, _) => "Instagram's rate limit was reached; the message will be retried.",
            (1 or 2, _) => "Instagram had a temporary problem; the message will be retried.",
            (10 or 200 or 230, _) => "The app is not allowed to send this message (permission missing or not approved in App Review).",
            _ => null,
        };
        var detail = message is null ? "" : $" ({message})";
        return code is { } c ? $"{plain ?? "Instagram refused the message."}{detail} [code {c}{(subcode is { } s ? $"/{s}" : "")}]" : (plain ?? "Instagram refused the message.") + detail;
    }
}
