using System.Threading.Channels;
using Omnichannel.Inboxes;

namespace Omnichannel.Indicators;

/// <summary>What the customer's app can show about the agent side.</summary>
public enum CustomerSignalKind
{
    /// <summary>The customer's messages were read (WhatsApp blue ticks, Instagram "Seen").</summary>
    Seen,

    /// <summary>An agent is writing a reply.</summary>
    Typing,

    /// <summary>The agent stopped writing (only channels that have an explicit "off" use it).</summary>
    StoppedTyping,
}

/// <param name="CustomerMessageId">The provider id of the customer's newest message (WhatsApp ties both signals to it).</param>
/// <param name="Recipient">The customer's id on the channel (the Instagram IGSID), or null when unknown.</param>
public sealed record CustomerSignal(CustomerSignalKind Kind, Guid InboxId, Guid ConversationId, string CustomerMessageId, string? Recipient);

/// <summary>Sends signals through one provider; implemented per channel in Omnichannel.Channels. A channel without one sends none.</summary>
public interface ICustomerSignalSender
{
    ChannelType Channel { get; }

    /// <summary>Returns null when the provider took it, otherwise why not (no secrets: it is logged).</summary>
    Task<string?> SendAsync(Inbox inbox, CustomerSignal signal, CancellationToken cancellationToken);
}

/// <summary>
/// Signals waiting for the worker, in memory: they are best-effort, so a full queue drops the new
/// one and a restart loses the rest (a lost "typing" is harmless; a lost "seen" is not resent).
/// </summary>
public sealed class CustomerSignalQueue
{
    public const int Capacity = 1000;

    private readonly Channel<CustomerSignal> _signals = Channel.CreateBounded<CustomerSignal>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<CustomerSignal> Reader => _signals.Reader;

    public void Enqueue(CustomerSignal signal) => _signals.Writer.TryWrite(signal);
}
