using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Inboxes;

namespace Omnichannel.Delivery;

/// <summary>Sends one outgoing message through a provider. Implemented per channel in Omnichannel.Channels.</summary>
public interface IChannelSender
{
    ChannelType Channel { get; }

    /// <summary>Whether agents' files reach the customer; replies with a file are refused where they would not.</summary>
    bool SendsFiles => false;

    Task<SendResult> SendAsync(OutgoingMessage outgoing, CancellationToken cancellationToken);
}

public static class ChannelSenders
{
    /// <summary>Whether the channel's sender delivers files (false for a channel without a sender).</summary>
    public static bool SendFiles(this IEnumerable<IChannelSender> senders, ChannelType channel) =>
        senders.Any(s => s.Channel == channel && s.SendsFiles);
}

/// <summary>What to send; <see cref="Attachments"/> are the message's stored files (empty for text).</summary>
public sealed record OutgoingMessage(Inbox Inbox, Message Message, IReadOnlyList<ContactIdentity> Recipient, IReadOnlyList<Attachments.MessageAttachment>? Attachments = null);

/// <summary>What a provider said about a send; <see cref="ErrorCode"/> is the provider's code (screens explain known ones).</summary>
public sealed record SendResult(SendOutcome Outcome, string? ProviderMessageId = null, string? Error = null, TimeSpan? RetryAfter = null, string? ErrorCode = null)
{
    public static SendResult Sent(string providerMessageId) => new(SendOutcome.Sent, providerMessageId);

    /// <summary>Worth retrying later: 5xx, 429, timeouts, provider rate limits.</summary>
    public static SendResult Transient(string error, TimeSpan? retryAfter = null, string? errorCode = null) =>
        new(SendOutcome.Transient, Error: error, RetryAfter: retryAfter, ErrorCode: errorCode);

    /// <summary>Will fail the same way again (bad recipient, policy, credentials): stop and show the error.</summary>
    public static SendResult Permanent(string error, string? errorCode = null) => new(SendOutcome.Permanent, Error: error, ErrorCode: errorCode);
}

public enum SendOutcome
{
    Sent,
    Transient,
    Permanent,
}
