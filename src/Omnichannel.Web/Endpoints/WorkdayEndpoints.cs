using Mediator;
using Omnichannel.Agents;
using Omnichannel.CannedResponses;
using Omnichannel.Labels;
using Omnichannel.Teams;

namespace Omnichannel.Web.Endpoints;

/// <summary>Teams, labels and canned responses: small admin-managed lists every agent reads.</summary>
public static class WorkdayEndpoints
{
    public sealed record TeamBody(string? Name, string? Description, IReadOnlyList<Guid>? UserIds);

    public sealed record LabelBody(string? Name, string? Color, string? Description);

    public sealed record CannedResponseBody(string? ShortCode, string? Content);

    public static void MapTeams(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams").ProducesProblem(StatusCodes.Status403Forbidden);
        teams.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { items = await mediator.Send(new ListTeams(), ct) }));
        teams.MapPost("", async (TeamBody body, IMediator mediator, CancellationToken ct) =>
        {
            var team = await mediator.Send(new CreateTeam(body.Name ?? "", body.Description, body.UserIds), ct);
            return TypedResults.Created($"/api/v1/teams/{team.Id}", team);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        teams.MapPut("/{id:guid}", async (Guid id, TeamBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UpdateTeam(id, body.Name ?? "", body.Description, body.UserIds), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        teams.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteTeam(id), ct);
            return TypedResults.NoContent();
        }).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapLabels(this RouteGroupBuilder api)
    {
        var labels = api.MapGroup("/labels").WithTags("Labels").ProducesProblem(StatusCodes.Status403Forbidden);
        labels.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { items = await mediator.Send(new ListLabels(), ct) }));
        labels.MapPost("", async (LabelBody body, IMediator mediator, CancellationToken ct) =>
        {
            var label = await mediator.Send(new CreateLabel(body.Name ?? "", body.Color ?? "", body.Description), ct);
            return TypedResults.Created($"/api/v1/labels/{label.Id}", label);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        labels.MapPut("/{id:guid}", async (Guid id, LabelBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UpdateLabel(id, body.Name ?? "", body.Color ?? "", body.Description), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        labels.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteLabel(id), ct);
            return TypedResults.NoContent();
        }).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapCannedResponses(this RouteGroupBuilder api)
    {
        var canned = api.MapGroup("/canned-responses").WithTags("Canned responses").ProducesProblem(StatusCodes.Status403Forbidden);
        canned.MapGet("", async (string? q, IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { items = await mediator.Send(new ListCannedResponses(q), ct) }));
        canned.MapPost("", async (CannedResponseBody body, IMediator mediator, CancellationToken ct) =>
        {
            var response = await mediator.Send(new CreateCannedResponse(body.ShortCode ?? "", body.Content ?? ""), ct);
            return TypedResults.Created($"/api/v1/canned-responses/{response.Id}", response);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        canned.MapPut("/{id:guid}", async (Guid id, CannedResponseBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UpdateCannedResponse(id, body.ShortCode ?? "", body.Content ?? ""), ct)))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        canned.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DeleteCannedResponse(id), ct);
            return TypedResults.NoContent();
        }).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapAgents(this RouteGroupBuilder api)
    {
        api.MapGet("/agents", async (Guid? inboxId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { items = await mediator.Send(new ListAgents(inboxId), ct) })).WithTags("Agents");
        var profile = api.MapGroup("/profile").WithTags("Agents");
        profile.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetProfile(), ct)));
        profile.MapPatch("", async (UpdateProfile body, IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(body, ct)))
            .ProducesValidationProblem();
    }
}
