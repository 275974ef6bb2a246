using Mediator;
using Omnichannel.Notifications;

namespace Omnichannel.Web.Endpoints;

/// <summary>The signed-in user's notification centre (mentions, assignments).</summary>
public static class NotificationEndpoints
{
    public static void MapNotifications(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("", async (int? limit, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListNotifications(limit ?? 30), ct)));
        notifications.MapPost("/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new MarkNotificationRead(id), ct);
            return TypedResults.NoContent();
        }).ProducesProblem(StatusCodes.Status404NotFound);
        notifications.MapPost("/read-all", async (IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new MarkAllNotificationsRead(), ct);
            return TypedResults.NoContent();
        });
    }
}
