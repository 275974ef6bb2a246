using Omnichannel.Inboxes;

namespace Omnichannel.Conversations;

/// <summary>
/// A channel's rule for how long after the customer's last message the business may still answer
/// (Meta's customer-service windows). Checked when the agent sends, so a reply that the provider
/// would refuse is refused here with a clear reason instead of failing later in the outbox.
/// </summary>
public interface IReplyWindow
{
    ChannelType Channel { get; }

    /// <summary>Why a reply is not allowed now, or null when it is.</summary>
    /// <param name="lastIncomingAt">When the customer's last message reached us (null: the customer never wrote).</param>
    string? Refusal(DateTimeOffset? lastIncomingAt, DateTimeOffset now);
}
