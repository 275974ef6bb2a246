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
/// A local stand-in for the Instagram Graph API in its documented wire format:
/// <c>POST /{version}/{ig-account-id}/messages</c> answers <c>{recipient_id, message_id}</c> and
/// <c>GET /{version}/{igsid}?fields=name,username</c> answers a registered profile (else a Graph error).
/// <c>GET /cdn/{name}</c> stands in for Instagram's media CDN: registered files, redirects or error statuses.
/// </summary>
public sealed class FakeInstagramApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body, TimeSpan? Delay)> _answers = new();
    private readonly ConcurrentQueue<RecordedRequest> _sends = new();
    private readonly ConcurrentQueue<RecordedRequest> _signals = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _signalAnswers = new();

    private FakeInstagramApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Sends => [.. _sends];

    /// <summary>Sender actions (mark_seen, typing_on, typing_off), kept apart from <see cref="Sends"/>.</summary>
    public IReadOnlyList<RecordedRequest> Signals => [.. _signals];

    /// <summary>The next sender action gets this answer instead of a 200 (send answers are not used for them).</summary>
    public void AnswerSignal(int status, string body) => _signalAnswers.Enqueue((status, body));

    /// <summary>Profiles by IGSID: (name, username).</summary>
    public ConcurrentDictionary<string, (string? Name, string? Username)> Profiles { get; } = new();

    public ConcurrentQueue<string> ProfileLookups { get; } = new();

    /// <summary>CDN answers by name: a file (status 200), a redirect (Location) or a bare status.</summary>
    private readonly ConcurrentDictionary<string, (int Status, string? ContentType, byte[] Body, string? Location)> _cdn = new();

    /// <summary>Every CDN request: the name asked for and its Authorization header (empty when none).</summary>
    public ConcurrentQueue<(string Name, string Authorization)> CdnRequests { get; } = new();

    /// <summary>Serves the bytes under a fresh name; returns the URL a webhook carries.</summary>
    public string AddMedia(string contentType, byte[] bytes) => AddCdn((200, contentType, bytes, null));

    /// <summary>A URL that redirects (status 302) to <paramref name="location"/>, absolute or relative.</summary>
    public string AddRedirect(string location) => AddCdn((302, null, [], location));

    public string AddStatus(int status) => AddCdn((status, null, [], null));

    public string CdnUrl(string name) => $"{BaseUrl}/cdn/{name}";

    public static string NameOf(string cdnUrl) => cdnUrl[(cdnUrl.LastIndexOf('/') + 1)..];

    /// <summary>Registers an answer under a name chosen by the caller (e.g. for a redirect loop).</summary>
    public void SetCdn(string name, int status, string? location = null) => _cdn[name] = (status, null, [], location);

    private string AddCdn((int, string?, byte[], string?) answer)
    {
        var name = Guid.NewGuid().ToString("N");
        _cdn[name] = answer;
        return CdnUrl(name);
    }

    public static async Task<FakeInstagramApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeInstagramApi(app);
        app.MapPost("/{version}/{accountId}/messages", (Delegate)fake.HandleSendAsync);
        app.MapGet("/{version}/{igsid}", (Delegate)fake.HandleProfile);
        app.MapGet("/cdn/{name}", (Delegate)fake.HandleCdn);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next send gets this answer instead of a 200 with a new mid (answers are used in order).</summary>
    public void Answer(int status, string body, TimeSpan? delay = null) => _answers.Enqueue((status, body, delay));

    public static string ErrorBody(int code, string message, int? subcode = null) =>
        System.Text.Json.JsonSerializer.Serialize(new { error = new { message, type = "OAuthException", code, error_subcode = subcode, fbtrace_id = "AbCdEf" } });

    public static string SentBody(string recipientId, string mid) =>
        System.Text.Json.JsonSerializer.Serialize(new { recipient_id = recipientId, message_id = mid });

    private IResult HandleProfile(HttpContext context, string igsid)
    {
        ProfileLookups.Enqueue(igsid);
        if (context.Request.Headers.Authorization != "Bearer test-access-token")
        {
            return Results.Text(ErrorBody(190, "Invalid OAuth access token."), "application/json", statusCode: 400);
        }

        return Profiles.TryGetValue(igsid, out var profile)
            ? Results.Json(new { name = profile.Name, username = profile.Username, id = igsid })
            : Results.Text(ErrorBody(100, "Unsupported get request."), "application/json", statusCode: 400);
    }

    private IResult HandleCdn(HttpContext context, string name)
    {
        CdnRequests.Enqueue((name, context.Request.Headers.Authorization.ToString()));
        if (!_cdn.TryGetValue(name, out var answer))
        {
            return Results.NotFound();
        }

        if (answer.Location is { } location)
        {
            context.Response.Headers.Location = location;
            return Results.StatusCode(answer.Status);
        }

        return answer.ContentType is { } type ? Results.Bytes(answer.Body, type) : Results.StatusCode(answer.Status);
    }

    private async Task<IResult> HandleSendAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var sent = System.Text.Json.Nodes.JsonNode.Parse(body);
        if (sent?["sender_action"] is not null)
        {
            _signals.Enqueue(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body, ""));
            return _signalAnswers.TryDequeue(out var refusal)
                ? Results.Text(refusal.Body, "application/json", statusCode: refusal.Status)
                : Results.Json(new { recipient_id = sent["recipient"]?["id"]?.GetValue<string>() });
        }

        var mid = "aWdfZAG1fake" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _sends.Enqueue(new RecordedRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), body, mid));
        if (_answers.TryDequeue(out var answer))
        {
            if (answer.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            return Results.Text(answer.Body, "application/json", statusCode: answer.Status);
        }

        var recipient = sent?["recipient"]?["id"]?.GetValue<string>() ?? "";
        return Results.Text(SentBody(recipient, mid), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
