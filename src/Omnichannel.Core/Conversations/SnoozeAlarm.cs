using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Omnichannel.Data;
using Omnichannel.Realtime;
using Omnichannel.Routing;

namespace Omnichannel.Conversations;

/// <summary>
/// Opens snoozed conversations when their time comes. The wake-up time is in the database, so a
/// snooze that expired while the app was down wakes on the next start; rows are claimed with
/// SKIP LOCKED so several instances never wake the same conversation twice.
/// </summary>
public sealed partial class SnoozeAlarm(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SnoozeAlarm> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, clock);
        do
        {
            try
            {
                await WakeDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogWakeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many conversations woke up.</returns>
    public async Task<int> WakeDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var routing = scope.ServiceProvider.GetRequiredService<AutoAssignment>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Conversations
            .FromSql($"SELECT *, xmin FROM conversations WHERE status = 'Snoozed' AND snoozed_until <= {now} ORDER BY snoozed_until LIMIT 100 FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        foreach (var conversation in due)
        {
            conversation.WakeUp(now);
            db.Messages.Add(Message.Activity(conversation, ActivityText.WokeUp(), now));
            await routing.ReturnIfAssigneeAwayAsync(conversation, cancellationToken);
            db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Waking snoozed conversations failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception ex);
}
