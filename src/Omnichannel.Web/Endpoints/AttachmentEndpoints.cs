using System.Net.Mime;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Omnichannel.Attachments;
using Omnichannel.Conversations;

namespace Omnichannel.Web.Endpoints;

/// <summary>
/// Files of messages. Sending: <c>POST /api/v1/conversations/{id}/attachments</c> (multipart: file, text, private)
/// creates the message with its file in one step, so a refused upload leaves nothing behind. Reading:
/// <c>GET /api/v1/attachments/{id}</c> (bearer) and <c>GET /attachments/{id}</c> (the inbox's browser cookie).
/// </summary>
public static class AttachmentEndpoints
{
    public const string BrowserRoute = "/attachments";

    private static FluentValidation.ValidationException Invalid(string field, string message) =>
        new([new FluentValidation.Results.ValidationFailure(field, message)]);

    public static void MapAttachments(this RouteGroupBuilder api, long maxUploadBytes)
    {
        api.MapPost("/conversations/{id:guid}/attachments", async (Guid id, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            // Read by hand: a JSON (or empty) body gets a 400 that says what to send, not a bare 415.
            if (!request.HasFormContentType)
            {
                throw Invalid("file", "Send the file as multipart/form-data with the field 'file' (and optionally 'text' and 'private').");
            }

            var form = await request.ReadFormAsync(ct);
            var file = form.Files["file"] ?? throw Invalid("file", "Attach a file in the multipart field 'file'.");
            bool? isPrivate = form["private"].ToString() is { Length: > 0 } flag
                ? bool.TryParse(flag, out var parsed) ? parsed : throw Invalid("private", "'private' must be true or false.")
                : null;
            var key = request.Headers["Idempotency-Key"].ToString();
            await using var content = file.OpenReadStream();
            var accepted = await mediator.Send(new ReplyToConversation(
                id, form["text"].ToString(), isPrivate ?? false, key.Length > 0 ? key : null, File: new OutgoingFile(file.FileName, file.ContentType, file.Length, content)), ct);
            return TypedResults.Accepted($"/api/v1/conversations/{id}/messages/{accepted.Id}", accepted);
        })
            .WithTags("Conversations")
            .WithSummary("Sends a message with one file (its text is the caption)")
            // No Accepts metadata: endpoint selection would answer 415 to a JSON body before authentication and before our clear 400.
            .WithDescription("Body: multipart/form-data with 'file' (required), 'text' (the caption, at most 1024 characters) and 'private' (true|false). "
                + "A file of a type that is not allowed, too large or empty is a 400 problem on 'file', and nothing is stored. "
                + "A file to the customer on a channel that cannot send files (Instagram, web chat) is a 422 problem on 'file'; see 'sendsFiles' in the reply window.")
            .WithMetadata(new RequestSizeLimitAttribute(maxUploadBytes + (1024 * 1024)))
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        var attachments = api.MapGroup("/attachments").WithTags("Attachments").ProducesProblem(StatusCodes.Status404NotFound);
        attachments.MapGet("/{id:guid}", Download)
            .WithSummary("The file of an attachment")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Application.Octet)
            .ProducesProblem(StatusCodes.Status409Conflict);
        attachments.MapPost("/{id:guid}/retry", async (Guid id, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new RetryAttachmentDownload(id), ct);
            return TypedResults.Accepted($"/api/v1/attachments/{id}");
        })
            .WithSummary("Downloads a failed customer file again")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The same download for the Blazor inbox, authenticated by its cookie (img/audio tags cannot send a bearer token).</summary>
    public static IEndpointRouteBuilder MapAttachmentDownloads(this IEndpointRouteBuilder endpoints)
    {
        // The forwarding scheme picks one handler (token if sent, else cookie), so an anonymous request gets one challenge: the sign-in redirect.
        endpoints.MapGet(BrowserRoute + "/{id:guid}", Download)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes("cookie-or-token").RequireAuthenticatedUser())
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Download(Guid id, HttpContext context, IMediator mediator, CancellationToken ct)
    {
        var file = await mediator.Send(new GetAttachmentContent(id), ct);
        var headers = context.Response.Headers;
        // Customer files are never interpreted: no sniffing, no scripts, media inline and the rest as downloads.
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.CacheControl] = "private, max-age=3600";
        var inline = AttachmentTypes.IsInlineMedia(file.ContentType);
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return TypedResults.Stream(file.Content, file.ContentType, enableRangeProcessing: true);
    }
}
