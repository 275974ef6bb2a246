using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Omnichannel.Channels.Work;

/// <summary>
/// The loop of the workers that own leased rows (outbox sends, attachment downloads): claim a batch
/// with one <c>UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING id</c>, so several
/// instances share the work without doing anything twice; work it in parallel; repeat while rows are
/// due; then wait. A failed pass is logged and the next one starts over — rows keep their lease.
/// </summary>
public abstract class LeasedRowsWorker<TId>(ILogger logger) : BackgroundService
{
    protected abstract int Parallelism { get; }

    /// <summary>Leases the rows due now and returns their ids.</summary>
    protected abstract Task<IReadOnlyList<TId>> ClaimAsync(CancellationToken cancellationToken);

    protected abstract ValueTask WorkAsync(TId id, CancellationToken cancellationToken);

    /// <summary>Between passes: until the poll interval passes, or sooner when new work is signalled.</summary>
    protected abstract Task WaitAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                IReadOnlyList<TId> claimed;
                while ((claimed = await ClaimAsync(stoppingToken)).Count > 0)
                {
                    await Parallel.ForEachAsync(claimed, parallel, WorkAsync);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LeasedRowsLog.PassFailed(logger, GetType().Name, ex);
            }

            await WaitAsync(stoppingToken);
        }
    }

    /// <summary>Runs the claiming command and reads the ids it returns.</summary>
    protected static async Task<IReadOnlyList<TId>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<TId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetFieldValue<TId>(0));
        }

        return ids;
    }
}

internal static partial class LeasedRowsLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} pass failed")]
    public static partial void PassFailed(ILogger logger, string worker, Exception ex);
}
