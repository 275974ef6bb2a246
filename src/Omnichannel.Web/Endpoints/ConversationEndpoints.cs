using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Omnichannel.Common;
using Omnichannel.Conversations;
using Omnichannel.Web.Localization;

namespace Omnichannel.Web.Endpoints;

public static class ConversationEndpoints
{
    public sealed record ReplyBody(string? Text, bool? Private);

    public sealed record MessageItem(
        Guid Id, MessageDirection Direction, MessageKind Kind, string Text, DateTimeOffset CreatedAt,
        DeliveryStatus? Status, string? Error, string? ProviderMessageId, Guid? AuthorId, string? AuthorName);

    public static void MapConversations(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Conversations").ProducesProblem(StatusCodes.Status404NotFound);

        conversations.MapGet("", async (string? status, Guid? inboxId, string? assignee, string? cursor, int? limit, IMediator mediator, CurrentActor actor, CancellationToken ct) =>
        {
            var errors = new List<ValidationFailure>();
            ConversationStatus? parsedStatus = null;
            if (!string.IsNullOrEmpty(status))
            {
                if (Enum.TryParse<ConversationStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _))
                {
                    parsedStatus = s;
                }
                else
                {
                    errors.Add(new ValidationFailure("status", "'status' must be one of open, pending, snoozed, resolved."));
                }
            }

            if (!AssigneeFilter.TryParse(assignee, actor.Value.UserId, out var assigneeFilter))
            {
                errors.Add(new ValidationFailure("assignee", "'assignee' must be me, unassigned or a user id."));
            }

            if (errors.Count > 0)
            {
                throw new ValidationException(errors);
            }

            return TypedResults.Ok(await mediator.Send(new ListConversations(parsedStatus, inboxId, assigneeFilter, cursor, limit ?? 25), ct));
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        conversations.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetConversation(id), ct)));

        conversations.MapGet("/{id:guid}/messages", async (Guid id, Guid? before, int? limit, IMediator mediator, ActivityFormatter activity, CancellationToken ct) =>
        {
            var page = await mediator.Send(new ListMessages(id, before, limit ?? 100), ct);
            var items = page.Items.Select(m => new MessageItem(
                m.Id, m.Direction, m.Kind, m.Kind == MessageKind.Activity ? activity.Render(m.Text) : m.Text, m.CreatedAt,
                m.Status, m.Error, m.ProviderMessageId, m.AuthorId, m.AuthorName));
            return TypedResults.Ok(new { items, nextBefore = page.NextBefore });
        }).ProducesValidationProblem();

        conversations.MapPost("/{id:guid}/messages", async (Guid id, ReplyBody body, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            var accepted = await mediator.Send(new ReplyToConversation(id, body.Text ?? "", body.Private ?? false, key.Length > 0 ? key : null), ct);
            return TypedResults.Accepted($"/api/v1/conversations/{id}/messages/{accepted.Id}", accepted);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        conversations.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(ReadPatch(id, body), ct)))
            .Accepts<PatchBody>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        conversations.MapPost("/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new MarkConversationRead(id), ct);
            return TypedResults.NoContent();
        });
    }

    /// <summary>Documented shape of PATCH; read by hand so that "assigneeId": null (unassign) differs from an absent field.</summary>
    public sealed record PatchBody(string? Status, Guid? AssigneeId);

    private static UpdateConversation ReadPatch(Guid id, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationFailure("body", "The body must be a JSON object.")]);
        }

        var errors = new List<ValidationFailure>();
        ConversationStatus? status = null;
        if (body.TryGetProperty("status", out var statusValue))
        {
            if (statusValue.ValueKind == JsonValueKind.String && Enum.TryParse<ConversationStatus>(statusValue.GetString(), ignoreCase: true, out var s) && !int.TryParse(statusValue.GetString(), out _))
            {
                status = s;
            }
            else
            {
                errors.Add(new ValidationFailure("status", "'status' must be one of open, pending, snoozed, resolved."));
            }
        }

        var changeAssignee = body.TryGetProperty("assigneeId", out var assigneeValue);
        Guid? assigneeId = null;
        if (changeAssignee && assigneeValue.ValueKind != JsonValueKind.Null)
        {
            if (assigneeValue.ValueKind == JsonValueKind.String && Guid.TryParse(assigneeValue.GetString(), out var parsed))
            {
                assigneeId = parsed;
            }
            else
            {
                errors.Add(new ValidationFailure("assigneeId", "'assigneeId' must be a user id or null."));
            }
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : new UpdateConversation(id, status, changeAssignee, assigneeId);
    }
}
