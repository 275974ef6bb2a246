using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        var (delivery, problem) = await MetaWebhookDelivery.ReadAsync(
            context, body => WhatsAppEvents.Parse(body), p => p.ObjectType, "whatsapp_business_account", cancellationToken);
        if (delivery is null)
        {
            return problem!;
        }

        var values = WhatsAppEvents.ValuesFor(delivery.Payload).ToList();
        var phoneNumberIds = values.Select(v => v.Metadata!.PhoneNumberId!).Distinct().ToList();
        var resolved = await whatsAppInboxes.FindAsync(phoneNumberIds, cancellationToken);
        var unknown = phoneNumberIds.Except(resolved.Select(i => i.Inbox.RoutingKey)).ToList();
        if (unknown.Count > 0)
        {
            LogUnknownNumber(logger, string.Join(",", unknown));
            return Results.Problem(statusCode: 404, title: "Unknown phone number", detail: $"No WhatsApp inbox is connected to phone_number_id {string.Join(", ", unknown)}.");
        }

        if (resolved.Count == 0 || !delivery.IsSignedByAll(context.Request, resolved.Select(i => i.Secrets.AppSecret)))
        {
            LogBadSignature(logger);
            return MetaWebhookDelivery.InvalidSignature;
        }

        var raw = Encoding.UTF8.GetString(delivery.Body);
        foreach (var inbox in resolved)
        {
            var keys = values.Where(v => v.Metadata!.PhoneNumberId == inbox.Inbox.RoutingKey).SelectMany(WhatsAppEvents.ProviderKeys).Distinct().ToList();
            await store.AppendAsync(inbox.Inbox.Id, keys, raw, cancellationToken);
        }

        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp webhook for unknown phone_number_id {PhoneNumberIds}")]
    private static partial void LogUnknownNumber(ILogger logger, string phoneNumberIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp webhook rejected: bad or missing signature")]
    private static partial void LogBadSignature(ILogger logger);
}
