using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Omnichannel.Templates;

namespace Omnichannel.Web.Endpoints;

/// <summary>WhatsApp message templates per inbox: members read them, admins manage them.</summary>
public static class TemplateEndpoints
{
    /// <summary><c>category</c>: utility, marketing or authentication; <c>status</c>: approved (default), pending, rejected, paused or disabled.</summary>
    public sealed record TemplateBody(string? Name, string? Language, string? Category, string? Status, string? Header, string? Body, string? Footer);

    public static void MapTemplates(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/inboxes/{inboxId:guid}/templates").WithTags("Templates")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        templates.MapGet("", async (Guid inboxId, bool? approvedOnly, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { items = await mediator.Send(new ListTemplates(inboxId, approvedOnly ?? false), ct) }));

        templates.MapPost("", async (Guid inboxId, TemplateBody body, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(new CreateTemplate(inboxId, Fields(body)), ct);
            return TypedResults.Created($"/api/v1/inboxes/{inboxId}/templates/{created.Id}", created);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        templates.MapPut("/{templateId:guid}", async (Guid inboxId, Guid templateId, TemplateBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UpdateTemplate(inboxId, templateId, Fields(body)), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        templates.MapDelete("/{templateId:guid}", async (Guid inboxId, Guid templateId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteTemplate(inboxId, templateId), ct);
            return TypedResults.NoContent();
        });
    }

    /// <summary>Enum fields are read by hand so a wrong value is a field error, like the rest.</summary>
    private static TemplateFields Fields(TemplateBody body)
    {
        var errors = new List<ValidationFailure>();
        var category = Parse<TemplateCategory>(body.Category, "category", "'category' must be utility, marketing or authentication.", errors);
        var status = body.Status is null
            ? TemplateStatus.Approved
            : Parse<TemplateStatus>(body.Status, "status", "'status' must be approved, pending, rejected, paused or disabled.", errors);
        return errors.Count > 0
            ? throw new ValidationException(errors)
            : new TemplateFields((body.Name ?? "").Trim(), (body.Language ?? "").Trim(), category, status, body.Header, body.Body ?? "", body.Footer);
    }

    private static TEnum Parse<TEnum>(string? value, string field, string message, List<ValidationFailure> errors)
        where TEnum : struct, Enum
    {
        if (value is not null && !int.TryParse(value, out _) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        errors.Add(new ValidationFailure(field, message));
        return default;
    }
}
