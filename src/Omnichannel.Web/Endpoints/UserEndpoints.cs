using Mediator;
using Omnichannel.Agents;
using Omnichannel.Web.Auth;

namespace Omnichannel.Web.Endpoints;

public static class UserEndpoints
{
    public static void MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(AccountServices.AdminApiPolicy).ProducesProblem(StatusCodes.Status403Forbidden);

        users.MapPost("", async (CreateUser body, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(body, ct);
            return TypedResults.Created($"/api/v1/users/{created.Id}", created);
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        users.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { items = await mediator.Send(new ListUsers(), ct) }));

        users.MapPost("/{id:guid}/api-tokens", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            var issued = await mediator.Send(new IssueApiToken(id), ct);
            return TypedResults.Created($"/api/v1/users/{id}/api-tokens/{issued.Id}", new { issued.Token });
        }).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
