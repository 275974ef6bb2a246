using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>
/// A local stand-in for Meta's Graph API speaking its documented wire format
/// (POST /{version}/{phone-number-id}/messages). Records every request; answers 200 with a new
/// wamid unless a test queued other answers.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeAnswer> _answers = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, FakeMedia> _media = new();
    private readonly ConcurrentQueue<FakeUpload> _uploads = new();
    private readonly ConcurrentQueue<RecordedRequest> _signals = new();
    private readonly ConcurrentQueue<FakeAnswer> _signalAnswers = new();

    /// <summary>The bearer token the inboxes of <see cref="AppFixture.CreateInboxAsync"/> use; media requests without it get 401.</summary>
    public const string AccessToken = "test-access-token";

    public IReadOnlyList<FakeUpload> Uploads => [.. _uploads];

    private FakeGraphApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Sends => [.. _requests.Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal))];

    /// <summary>Read receipts and typing indicators (a "status" body on the messages endpoint), kept apart from <see cref="Sends"/>.</summary>
    public IReadOnlyList<RecordedRequest> Signals => [.. _signals];

    /// <summary>The next signal gets this answer instead of a 200 (send answers are not used for signals).</summary>
    public void AnswerSignal(int status, string body) => _signalAnswers.Enqueue(new FakeAnswer(status, body, null, null));

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeGraphApi(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", (Delegate)fake.HandleSendAsync);
        app.MapPost("/{version}/{phoneNumberId}/media", (Delegate)fake.HandleUploadAsync);
        app.MapGet("/{version}/{mediaId}", (Delegate)fake.HandleMediaMetadata);
        app.MapGet("/media-download/{mediaId}", (Delegate)fake.HandleMediaDownload);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next send gets this answer instead of a 200 (answers are used in order).</summary>
    public void Answer(int status, string body, TimeSpan? delay = null, int? retryAfterSeconds = null) =>
        _answers.Enqueue(new FakeAnswer(status, body, delay, retryAfterSeconds));

    public static string ErrorBody(int code, string message, string? details = null) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            error = new { message, type = "OAuthException", code, error_data = new { messaging_product = "whatsapp", details = details ?? message }, fbtrace_id = "AbCdEf" },
        });

    private async Task<IResult> HandleSendAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (System.Text.Json.Nodes.JsonNode.Parse(body)?["status"] is not null)
        {
            _signals.Enqueue(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body, ""));
            return _signalAnswers.TryDequeue(out var refusal)
                ? Results.Text(refusal.Body, "application/json", statusCode: refusal.Status)
                : Results.Json(new { success = true });
        }

        var wamid = "wamid.fake." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        _requests.Enqueue(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body, wamid));
        if (_answers.TryDequeue(out var answer))
        {
            if (answer.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            if (answer.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Text(answer.Body, "application/json", statusCode: answer.Status);
        }

        return Results.Json(new
        {
            messaging_product = "whatsapp",
            contacts = new[] { new { input = "x", wa_id = "x" } },
            messages = new[] { new { id = wamid, message_status = "accepted" } },
        });
    }

    /// <summary>Serves a customer's media under this id: metadata at /{version}/{id}, bytes at the URL it names.</summary>
    public void AddMedia(string mediaId, string contentType, byte[] bytes, string? sha256 = null) =>
        _media[mediaId] = new FakeMedia(contentType, bytes, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(bytes)));

    private IResult HandleMediaMetadata(HttpContext context, string mediaId)
    {
        _requests.Enqueue(new RecordedRequest(context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString(), "", ""));
        if (context.Request.Headers.Authorization != "Bearer " + AccessToken)
        {
            return Results.Text(ErrorBody(190, "Invalid OAuth access token - Cannot parse access token"), "application/json", statusCode: 401);
        }

        if (!_media.TryGetValue(mediaId, out var media))
        {
            return Results.Text(ErrorBody(100, "Unsupported get request. Object with ID does not exist"), "application/json", statusCode: 404);
        }

        return Results.Json(new
        {
            messaging_product = "whatsapp",
            url = $"{BaseUrl}/media-download/{mediaId}",
            mime_type = media.ContentType,
            sha256 = media.Sha256,
            file_size = media.Bytes.Length,
            id = mediaId,
        });
    }

    private IResult HandleMediaDownload(HttpContext context, string mediaId)
    {
        _requests.Enqueue(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), "", ""));
        if (context.Request.Headers.Authorization != "Bearer " + AccessToken)
        {
            return Results.StatusCode(401);
        }

        return _media.TryGetValue(mediaId, out var media) ? Results.Bytes(media.Bytes, media.ContentType) : Results.NotFound();
    }

    private async Task<IResult> HandleUploadAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var file = form.Files["file"];
        using var copy = new MemoryStream();
        if (file is not null)
        {
            await file.CopyToAsync(copy);
        }

        var id = "media.fake." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        _uploads.Enqueue(new FakeUpload(context.Request.Path, context.Request.Headers.Authorization.ToString(), form["messaging_product"].ToString(), form["type"].ToString(), file?.FileName, copy.ToArray(), id));
        return Results.Json(new { id });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record FakeAnswer(int Status, string Body, TimeSpan? Delay, int? RetryAfterSeconds);

    private sealed record FakeMedia(string ContentType, byte[] Bytes, string Sha256);
}

/// <summary>A request the fake received; <see cref="Wamid"/> is the id it answered with when it answered 200.</summary>
public sealed record RecordedRequest(string Path, string Authorization, string Body, string Wamid);

/// <summary>A multipart upload to /{version}/{phone-number-id}/media, and the media id the fake answered.</summary>
public sealed record FakeUpload(string Path, string Authorization, string MessagingProduct, string Type, string? FileName, byte[] Bytes, string Id);
