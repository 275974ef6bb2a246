using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Omnichannel.Channels.Inbound;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>
/// The Cloud API webhook. POST is authenticated by the app-secret signature, stores the raw events
/// (deduplicated by provider id) and only then answers 200; the inbound worker applies them.
/// </summary>
public static partial class WhatsAppWebhookEndpoints
{
    /// <summary>Meta sends at most ~3 MB per delivery.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public static IEndpointRouteBuilder MapWhatsAppWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(WhatsAppChannel.WebhookRoute).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapGet("", Verify);
        group.MapPost("", Receive);
        return endpoints;
    }

    private static Task<IResult> Verify(HttpRequest request, OmnichannelDb db, InboxSecrets secrets, CancellationToken cancellationToken) =>
        MetaHandshake.VerifyAsync(request, db, secrets, ChannelType.WhatsApp, (inbox, s) => WhatsAppInbox.From(inbox, s).Secrets.VerifyToken, cancellationToken);

    private static async Task<IResult> Receive(
        HttpContext context, ConnectedInboxes<WhatsAppInbox> whatsAppInboxes, InboundEventStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(WhatsAppWebhookEndpoints));
        var body = await ReadBodyAsync(context, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: 413, title: "Payload too large", detail: $"Webhook bodies are limited to {MaxBodyBytes} bytes.");
        }

        WebhookPayload? payload;
        try
        {
            payload = WhatsAppEvents.Parse(body);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not valid JSON: {ex.Message}");
        }

        if (payload?.ObjectType != "whatsapp_business_account")
        {
            return Results.Problem(statusCode: 400, title: "Unexpected payload", detail: "Expected object 'whatsapp_business_account'.");
        }

        var values = WhatsAppEvents.ValuesFor(payload).ToList();
        var phoneNumberIds = values.Select(v => v.Metadata!.PhoneNumberId!).Distinct().ToList();
        var resolved = await whatsAppInboxes.FindAsync(phoneNumberIds, cancellationToken);
        var unknown = phoneNumberIds.Except(resolved.Select(i => i.Inbox.RoutingKey)).ToList();
        if (unknown.Count > 0)
        {
            LogUnknownNumber(logger, string.Join(",", unknown));
            return Results.Problem(statusCode: 404, title: "Unknown phone number", detail: $"No WhatsApp inbox is connected to phone_number_id {string.Join(", ", unknown)}.");
        }

        // Every inbox addressed must vouch for the body: one forged entry rejects the whole delivery.
        var signature = context.Request.Headers[MetaSignature.Header].ToString();
        if (resolved.Count == 0 || !resolved.All(i => MetaSignature.IsValid(body, signature, i.Secrets.AppSecret)))
        {
            LogBadSignature(logger);
            return Results.Problem(statusCode: 401, title: "Invalid signature", detail: $"{MetaSignature.Header} is missing or does not match the body.");
        }

        var raw = Encoding.UTF8.GetString(body);
        foreach (var inbox in resolved)
        {
            var keys = values.Where(v => v.Metadata!.PhoneNumberId == inbox.Inbox.RoutingKey).SelectMany(WhatsAppEvents.ProviderKeys).Distinct().ToList();
            await store.AppendAsync(inbox.Inbox.Id, keys, raw, cancellationToken);
        }

        return Results.Ok();
    }

    /// <summary>Reads the raw body (the signature covers these exact bytes), or null when it exceeds the limit.</summary>
    internal static async Task<byte[]?> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
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
        try
        {
            await foreach (var chunk in ReadChunksAsync(context.Request.Body, cancellationToken))
            {
                if (buffer.WrittenCount + chunk.Length > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk.Span);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            yield return chunk.AsMemory(0, read);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp webhook for unknown phone_number_id {PhoneNumberIds}")]
    private static partial void LogUnknownNumber(ILogger logger, string phoneNumberIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp webhook rejected: bad or missing signature")]
    private static partial void LogBadSignature(ILogger logger);
}
