using System.Text.Json;
using Mediator;
using Omnichannel.Conversations;

namespace Omnichannel.Web.Endpoints;

/// <summary>Merging a duplicate conversation into another of the same contact, and undoing it.</summary>
public static class ConversationMergeEndpoints
{
    public sealed record MergeBody(Guid OtherConversationId);

    public static void MapConversationMerges(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Conversations").ProducesProblem(StatusCodes.Status404NotFound);

        conversations.MapPost("/{id:guid}/merge", async (Guid id, JsonElement body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MergeConversations(id, ApiQuery.RequiredId(body, "otherConversationId")), ct)))
            .Accepts<MergeBody>("application/json")
            .WithSummary("Merge another conversation of the same contact into this one")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        conversations.MapPost("/{id:guid}/unmerge", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UnmergeConversation(id), ct)))
            .WithSummary("Undo the merge of this (merged) conversation")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
