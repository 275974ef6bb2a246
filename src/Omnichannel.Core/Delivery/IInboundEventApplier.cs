using Omnichannel.Inboxes;

namespace Omnichannel.Delivery;

/// <summary>Applies one stored provider event to the domain. Implemented per channel.</summary>
public interface IInboundEventApplier
{
    ChannelType Channel { get; }

    /// <summary>Runs inside the worker's transaction; must be idempotent (an event may be applied after a crash).</summary>
    Task ApplyAsync(InboundEvent inboundEvent, Inbox inbox, CancellationToken cancellationToken);
}
