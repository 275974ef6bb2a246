using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Omnichannel.Inboxes;
using Omnichannel.Web.Auth;
using Omnichannel.Web.Hosting;

namespace Omnichannel.Web.Endpoints;

public static class InboxEndpoints
{
    public sealed record MembersBody(IReadOnlyList<Guid>? UserIds);

    public static void MapInboxes(this RouteGroupBuilder api)
    {
        var inboxes = api.MapGroup("/inboxes").WithTags("Inboxes");

        inboxes.MapPost("", async (CreateInbox body, IMediator mediator, HttpRequest request, IConfiguration configuration, CancellationToken ct) =>
        {
            var created = await mediator.Send(body, ct);
            return TypedResults.Created($"/api/v1/inboxes/{created.Id}", new { created.Id, WebhookUrl = PublicAddress.BaseUrl(configuration, request) + created.WebhookPath, created.GeneratedSecrets });
        }).RequireAuthorization(AccountServices.AdminApiPolicy).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        inboxes.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { items = await mediator.Send(new ListInboxes(), ct) }));

        inboxes.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(ReadPatch(id, body), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(AccountServices.AdminApiPolicy).Accepts<PatchBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        inboxes.MapPut("/{id:guid}/members", async (Guid id, MembersBody body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new SetInboxMembers(id, body.UserIds!), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(AccountServices.AdminApiPolicy).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Documented shape of PATCH; "maxOpenPerAgent": null removes the limit, an absent field leaves it.
    /// "settings" holds only the channel settings to change (a blank secret keeps the stored one).
    /// </summary>
    public sealed record PatchBody(string? Name, bool? AutoAssignment, int? MaxOpenPerAgent, bool? OnlyAssigneeReplies, JsonElement? Settings);

    private static UpdateInbox ReadPatch(Guid id, JsonElement body)
    {
        PatchBody? typed;
        try
        {
            typed = body.ValueKind == JsonValueKind.Object ? body.Deserialize<PatchBody>(JsonSerializerOptions.Web) : null;
        }
        catch (JsonException ex)
        {
            throw new ValidationException([new ValidationFailure(ex.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body", "This value has the wrong type.")]);
        }

        if (typed is null)
        {
            throw new ValidationException([new ValidationFailure("body", "The body must be a JSON object.")]);
        }

        return new UpdateInbox(id, typed.Name, typed.AutoAssignment, body.TryGetProperty("maxOpenPerAgent", out _), typed.MaxOpenPerAgent, typed.OnlyAssigneeReplies, typed.Settings);
    }
}
