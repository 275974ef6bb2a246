using Omnichannel.Conversations;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Instagram;

public enum InstagramWindowState
{
    /// <summary>Within 24 h of the customer's last message: a standard reply.</summary>
    Open,

    /// <summary>24 h to 7 days: allowed only as a human agent's reply, sent with the HUMAN_AGENT tag.</summary>
    HumanAgent,

    /// <summary>Over 7 days, or the customer never wrote: Instagram would refuse the message.</summary>
    Closed,
}

/// <summary>Instagram's messaging window (shared/docs/channels.md §2.3): conversations are customer-initiated; 24 h, or 7 days with HUMAN_AGENT.</summary>
public sealed class InstagramWindow : IReplyWindow
{
    public static readonly TimeSpan Standard = TimeSpan.FromHours(24);
    public static readonly TimeSpan HumanAgentTag = TimeSpan.FromDays(7);

    public ChannelType Channel => ChannelType.Instagram;

    public static InstagramWindowState At(DateTimeOffset? lastIncomingAt, DateTimeOffset now) => lastIncomingAt switch
    {
        null => InstagramWindowState.Closed,
        { } last when now - last <= Standard => InstagramWindowState.Open,
        { } last when now - last <= HumanAgentTag => InstagramWindowState.HumanAgent,
        _ => InstagramWindowState.Closed,
    };

    public const string ClosedReason =
        "Instagram only accepts replies up to 7 days after the customer's last message. Wait for the customer to write again.";

    public string? Refusal(DateTimeOffset? lastIncomingAt, DateTimeOffset now) =>
        At(lastIncomingAt, now) == InstagramWindowState.Closed ? ClosedReason : null;
}
