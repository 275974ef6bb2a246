using Mediator;
using Omnichannel.Search;

namespace Omnichannel.Web.Endpoints;

public static class SearchEndpoints
{
    public static void MapSearch(this RouteGroupBuilder api) =>
        api.MapGet("/search", async (string? q, string? limit, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new SearchConversations(q ?? "", ApiQuery.Int(limit, "limit", 20)), ct)))
            .WithTags("Search")
            .WithSummary("Full-text search over messages and contacts")
            .WithDescription("Messages match by words (Portuguese and English stems, accents ignored); contacts by name/e-mail word prefixes or, "
                + "for a query of at least 4 digits, by phone digits anywhere in the number. Contact hits (at most 5, messageId null) come first, "
                + "then messages newest first. Snippets are plain text with the matched words between « and ».")
            .ProducesValidationProblem();
}
