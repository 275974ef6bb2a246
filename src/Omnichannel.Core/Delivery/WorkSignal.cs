using System.Threading.Channels;

namespace Omnichannel.Delivery;

/// <summary>
/// Wakes a background worker as soon as there is work, instead of waiting for its next poll.
/// Signals coalesce: many pokes while the worker is busy cause one more pass, not many.
/// </summary>
public abstract class WorkSignal
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _pokes.Writer.TryWrite(true);

    /// <summary>Waits for a poke or the poll interval, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(pollInterval);
        try
        {
            await _pokes.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Poll interval elapsed.
        }
    }
}

public sealed class InboundWork : WorkSignal;

public sealed class OutboxWork : WorkSignal;
