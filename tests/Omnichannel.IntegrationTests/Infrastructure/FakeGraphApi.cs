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

    private FakeGraphApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Sends => [.. _requests.Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal))];

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeGraphApi(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", (Delegate)fake.HandleSendAsync);
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record FakeAnswer(int Status, string Body, TimeSpan? Delay, int? RetryAfterSeconds);
}

/// <summary>A request the fake received; <see cref="Wamid"/> is the id it answered with when it answered 200.</summary>
public sealed record RecordedRequest(string Path, string Authorization, string Body, string Wamid);
