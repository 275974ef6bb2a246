using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Omnichannel.Channels.WhatsApp;

namespace Omnichannel.Channels.Inbound;

/// <summary>
/// One webhook delivery from Meta (WhatsApp or Instagram): the raw body — the signature covers these
/// exact bytes — and its parsed payload. Reading answers the problems both channels share: 413 over
/// the size limit, 400 when the body is not JSON or not the channel's object type.
/// </summary>
public sealed record MetaWebhookDelivery<T>(byte[] Body, T Payload)
{
    /// <summary>Every app secret of the inboxes addressed must vouch for the body: one forged entry rejects the whole delivery.</summary>
    public bool IsSignedByAll(HttpRequest request, IEnumerable<string> appSecrets)
    {
        var signature = request.Headers[MetaSignature.Header].ToString();
        return appSecrets.All(secret => MetaSignature.IsValid(Body, signature, secret));
    }
}

public static class MetaWebhookDelivery
{
    /// <summary>Meta sends at most ~3 MB per delivery.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public static IResult InvalidSignature => Results.Problem(
        statusCode: 401, title: "Invalid signature", detail: $"{MetaSignature.Header} is missing or does not match the body.");

    /// <summary>The delivery, or the problem to answer instead (the other one is null).</summary>
    public static async Task<(MetaWebhookDelivery<T>? Delivery, IResult? Problem)> ReadAsync<T>(
        HttpContext context, Func<byte[], T?> parse, Func<T, string?> objectType, string expectedObject, CancellationToken cancellationToken)
        where T : class
    {
        var body = await ReadBodyAsync(context, cancellationToken);
        if (body is null)
        {
            return (null, Results.Problem(statusCode: 413, title: "Payload too large", detail: $"Webhook bodies are limited to {MaxBodyBytes} bytes."));
        }

        T? payload;
        try
        {
            payload = parse(body);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}"));
        }

        return payload is not null && objectType(payload) == expectedObject
            ? (new MetaWebhookDelivery<T>(body, payload), null)
            : (null, Results.Problem(statusCode: 400, title: "Unexpected payload", detail: $"Expected object '{expectedObject}'."));
    }

    /// <summary>Reads the raw body, or null when it exceeds the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        var buffer = new ArrayBufferWriter<byte>();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.WrittenCount + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk.AsSpan(0, read));
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.WrittenSpan.ToArray();
    }
}
