using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;

namespace Omnichannel.Notifications;

public sealed record NotificationView(Guid Id, NotificationKind Kind, Guid ConversationId, Guid? MessageId, string? ActorName, string? Snippet, DateTimeOffset CreatedAt, bool Read);

public sealed record NotificationCentre(int UnreadCount, IReadOnlyList<NotificationView> Items);

/// <summary>The signed-in user's newest notifications and how many are unread.</summary>
public sealed record ListNotifications(int Limit = 30) : IQuery<NotificationCentre>;

public sealed record MarkNotificationRead(Guid Id) : ICommand;

public sealed record MarkAllNotificationsRead : ICommand;

public sealed class NotificationHandlers(OmnichannelDb db, CurrentActor actor, TimeProvider clock) :
    IQueryHandler<ListNotifications, NotificationCentre>,
    ICommandHandler<MarkNotificationRead>,
    ICommandHandler<MarkAllNotificationsRead>
{
    public async ValueTask<NotificationCentre> Handle(ListNotifications query, CancellationToken cancellationToken)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.Value.UserId);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await mine.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(query.Limit, 1, 100))
            .Select(n => new NotificationView(n.Id, n.Kind, n.ConversationId, n.MessageId, n.ActorName, n.Snippet, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken);
        return new NotificationCentre(unread, items);
    }

    public async ValueTask<Unit> Handle(MarkNotificationRead command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await db.Notifications.Where(n => n.Id == command.Id && n.UserId == actor.Value.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken);
        return updated == 0 ? throw new NotFoundException("Notification") : Unit.Value;
    }

    public async ValueTask<Unit> Handle(MarkAllNotificationsRead command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == actor.Value.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return Unit.Value;
    }
}
