using Mediator;
using Omnichannel.Inboxes;
using Omnichannel.Web.Auth;

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
            return TypedResults.Created($"/api/v1/inboxes/{created.Id}", new { created.Id, WebhookUrl = PublicUrl(request, configuration, created.WebhookPath) });
        }).RequireAuthorization(AccountServices.AdminApiPolicy).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        inboxes.MapGet("", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(new { items = await mediator.Send(new ListInboxes(), ct) }));

        inboxes.MapPut("/{id:guid}/members", async (Guid id, MembersBody body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new SetInboxMembers(id, body.UserIds!), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(AccountServices.AdminApiPolicy).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The address providers must call: <c>App:PublicBaseUrl</c> when set (behind a proxy), else this request's host.</summary>
    private static string PublicUrl(HttpRequest request, IConfiguration configuration, string path)
    {
        var baseUrl = configuration["App:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
        return baseUrl + path;
    }
}
