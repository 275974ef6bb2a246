using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Omnichannel.Common;
using Omnichannel.Conversations;
using Omnichannel.Indicators;
using Omnichannel.Web.Localization;

namespace Omnichannel.Web.Endpoints;

public static class ConversationEndpoints
{
    /// <summary>A reply: <c>text</c>, or <c>template</c> (an approved WhatsApp template: name, language, values of {{1}}…{{n}}).</summary>
    public sealed record ReplyBody(string? Text, bool? Private, TemplateBody? Template);

    public sealed record TemplateBody(string? Name, string? Language, IReadOnlyList<string>? Variables);

    /// <summary><c>template</c> is set on template messages (the text is the rendered template); <c>errorCode</c> is the provider's code of a failure.</summary>
    public sealed record MessageItem(
        Guid Id, MessageDirection Direction, MessageKind Kind, string Text, DateTimeOffset CreatedAt,
        DeliveryStatus? Status, string? Error, string? ProviderMessageId, Guid? AuthorId, string? AuthorName,
        IReadOnlyList<Omnichannel.Attachments.AttachmentView> Attachments, string? ErrorCode, MessageTemplateRef? Template, string? Reaction);

    public sealed record MessageTemplateRef(string Name, string Language);

    public static void MapConversations(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Conversations").ProducesProblem(StatusCodes.Status404NotFound);

        conversations.MapGet("/counts", async (string? status, Guid? inboxId, string? label, Guid? teamId, IMediator mediator, CancellationToken ct) =>
        {
            var errors = new List<ValidationFailure>();
            ConversationStatus? parsed = string.Equals(status, "all", StringComparison.OrdinalIgnoreCase) ? null : ParseStatus(status, errors) ?? ConversationStatus.Open;
            return errors.Count > 0
                ? throw new ValidationException(errors)
                : TypedResults.Ok(await mediator.Send(new CountConversations(parsed, inboxId, label, teamId), ct));
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        conversations.MapGet("", async (string? status, Guid? inboxId, string? assignee, string? cursor, int? limit, string? label, Guid? teamId, IMediator mediator, CurrentActor actor, CancellationToken ct) =>
        {
            var errors = new List<ValidationFailure>();
            var parsedStatus = ParseStatus(status, errors);

            if (!AssigneeFilter.TryParse(assignee, actor.Value.UserId, out var assigneeFilter))
            {
                errors.Add(new ValidationFailure("assignee", "'assignee' must be me, unassigned or a user id."));
            }

            if (errors.Count > 0)
            {
                throw new ValidationException(errors);
            }

            return TypedResults.Ok(await mediator.Send(new ListConversations(parsedStatus, inboxId, assigneeFilter, cursor, limit ?? 25, label, teamId), ct));
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        conversations.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetConversation(id), ct)));

        conversations.MapGet("/{id:guid}/messages", async (Guid id, Guid? before, int? limit, IMediator mediator, ActivityFormatter activity, CancellationToken ct) =>
        {
            var page = await mediator.Send(new ListMessages(id, before, limit ?? 100), ct);
            var items = page.Items.Select(m => new MessageItem(
                m.Id, m.Direction, m.Kind, m.Kind == MessageKind.Activity ? activity.Render(m.Text) : m.Text, m.CreatedAt,
                m.Status, m.Error, m.ProviderMessageId, m.AuthorId, m.AuthorName, m.Attachments ?? [],
                m.ErrorCode, m.TemplateName is { } name ? new MessageTemplateRef(name, m.TemplateLanguage!) : null, m.Reaction));
            return TypedResults.Ok(new { items, nextBefore = page.NextBefore });
        }).ProducesValidationProblem();

        conversations.MapPost("/{id:guid}/messages", async (Guid id, ReplyBody body, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            var template = body.Template is { } t ? new TemplateChoice(t.Name ?? "", t.Language ?? "", t.Variables ?? []) : null;
            var accepted = await mediator.Send(new ReplyToConversation(id, body.Text ?? "", body.Private ?? false, key.Length > 0 ? key : null, template), ct);
            return TypedResults.Accepted($"/api/v1/conversations/{id}/messages/{accepted.Id}", accepted);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithDescription("Outside the customer-service window (WhatsApp: 24 h after the customer's last message) a free-form reply is refused with 422 "
                + "and an error under `window`; send `{\"template\": {\"name\", \"language\", \"variables\": [...]}}` instead. Private notes are always allowed.");

        conversations.MapGet("/{id:guid}/reply-window", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetReplyWindow(id), ct)))
            .WithDescription("Whether a free-form reply is allowed now (`allowance`: freeForm, humanAgentTag, templateOnly, nothing), when the free-form window ends or ended, and until when the human-agent tag applies (Instagram).");

        conversations.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(ReadPatch(id, body), ct)))
            .Accepts<PatchBody>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        conversations.MapPost("/{id:guid}/read", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new MarkConversationRead(id), ct);
            return TypedResults.NoContent();
        }).WithDescription("The caller has read the conversation; on WhatsApp and Instagram the customer's newest message is also marked as seen (once, inside the window).");

        conversations.MapPost("/{id:guid}/typing", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ShowAgentTyping(id, Typing: true), ct);
            return TypedResults.NoContent();
        }).WithDescription("The caller is writing a reply: WhatsApp and Instagram customers see a typing indicator (at most every 20 s, inside the window).");

        conversations.MapDelete("/{id:guid}/typing", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ShowAgentTyping(id, Typing: false), ct);
            return TypedResults.NoContent();
        }).WithDescription("The caller stopped writing (Instagram hides the typing indicator).");
    }

    private static ConversationStatus? ParseStatus(string? status, List<ValidationFailure> errors)
    {
        if (string.IsNullOrEmpty(status))
        {
            return null;
        }

        if (Enum.TryParse<ConversationStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
        {
            return parsed;
        }

        errors.Add(new ValidationFailure("status", "'status' must be one of open, pending, snoozed, resolved."));
        return null;
    }

    /// <summary>Documented shape of PATCH; read by hand so that an explicit null (unassign, no team) differs from an absent field.</summary>
    public sealed record PatchBody(string? Status, DateTimeOffset? SnoozedUntil, Guid? AssigneeId, Guid? TeamId, string? Priority, IReadOnlyList<string>? Labels);

    private static UpdateConversation ReadPatch(Guid id, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationFailure("body", "The body must be a JSON object.")]);
        }

        var errors = new List<ValidationFailure>();
        var status = ReadEnum<ConversationStatus>(body, "status", "'status' must be one of open, pending, snoozed, resolved.", errors);
        var priority = ReadEnum<Priority>(body, "priority", "'priority' must be one of none, low, medium, high, urgent.", errors);
        var (changeAssignee, assigneeId) = ReadOptionalId(body, "assigneeId", errors);
        var (changeTeam, teamId) = ReadOptionalId(body, "teamId", errors);

        DateTimeOffset? snoozedUntil = null;
        if (body.TryGetProperty("snoozedUntil", out var until) && until.ValueKind != JsonValueKind.Null)
        {
            if (until.ValueKind == JsonValueKind.String && until.TryGetDateTimeOffset(out var parsed))
            {
                snoozedUntil = parsed;
            }
            else
            {
                errors.Add(new ValidationFailure("snoozedUntil", "'snoozedUntil' must be an ISO-8601 date and time with offset."));
            }
        }

        List<string>? labels = null;
        if (body.TryGetProperty("labels", out var labelsValue))
        {
            if (labelsValue.ValueKind == JsonValueKind.Array && labelsValue.EnumerateArray().All(l => l.ValueKind == JsonValueKind.String))
            {
                labels = labelsValue.EnumerateArray().Select(l => l.GetString()!).ToList();
            }
            else
            {
                errors.Add(new ValidationFailure("labels", "'labels' must be an array of label names."));
            }
        }

        return errors.Count > 0
            ? throw new ValidationException(errors)
            : new UpdateConversation(id, status, snoozedUntil, changeAssignee, assigneeId, changeTeam, teamId, priority, labels);
    }

    private static TEnum? ReadEnum<TEnum>(JsonElement body, string name, string message, List<ValidationFailure> errors)
        where TEnum : struct, Enum
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && Enum.TryParse<TEnum>(value.GetString(), ignoreCase: true, out var parsed) && !int.TryParse(value.GetString(), out _))
        {
            return parsed;
        }

        errors.Add(new ValidationFailure(name, message));
        return null;
    }

    /// <summary>Absent → (false, null); null → (true, null): clear it; an id → (true, id).</summary>
    private static (bool Present, Guid? Id) ReadOptionalId(JsonElement body, string name, List<ValidationFailure> errors)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return (false, null);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        if (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id))
        {
            return (true, id);
        }

        errors.Add(new ValidationFailure(name, $"'{name}' must be an id or null."));
        return (false, null);
    }
}
