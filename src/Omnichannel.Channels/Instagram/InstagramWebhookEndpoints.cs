using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Omnichannel.Channels.Inbound;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Instagram;

/// <summary>
/// The Instagram messaging webhook, built like WhatsApp's: POST is authenticated by the app-secret
/// signature, stores the raw events (deduplicated by key, see <see cref="InstagramEvents"/>) and only
/// then answers 200; the inbound worker applies them.
/// </summary>
public static partial class InstagramWebhookEndpoints
{
    public static IEndpointRouteBuilder MapInstagramWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(InstagramChannel.WebhookRoute).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        group.MapGet("", Verify);
        group.MapPost("", Receive);
        return endpoints;
    }

    private static Task<IResult> Verify(HttpRequest request, OmnichannelDb db, InboxSecrets secrets, CancellationToken cancellationToken) =>
        MetaHandshake.VerifyAsync(request, db, secrets, ChannelType.Instagram, (inbox, s) => InstagramInbox.From(inbox, s).Secrets.VerifyToken, cancellationToken);

    private static async Task<IResult> Receive(
        HttpContext context, ConnectedInboxes<InstagramInbox> instagramInboxes, InboundEventStore store, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(InstagramWebhookEndpoints));
        var (delivery, problem) = await MetaWebhookDelivery.ReadAsync(
            context, body => InstagramJson.Parse(body), p => p.ObjectType, "instagram", cancellationToken);
        if (delivery is null)
        {
            return problem!;
        }

        var payload = delivery.Payload;
        var items = InstagramEvents.Items(payload).ToList();
        var accountIds = items.Select(i => i.AccountId)
            .Concat((payload.Entry ?? []).Select(e => e.Id).OfType<string>())
            .Where(id => id.Length > 0).Distinct().ToList();
        var resolved = await instagramInboxes.FindAsync(accountIds, cancellationToken);
        var unknown = accountIds.Except(resolved.Select(i => i.Inbox.RoutingKey)).ToList();
        if (unknown.Count > 0 || resolved.Count == 0)
        {
            LogUnknownAccount(logger, string.Join(",", unknown));
            return Results.Problem(statusCode: 404, title: "Unknown Instagram account", detail: $"No Instagram inbox is connected to account {string.Join(", ", unknown)}.");
        }

        if (!delivery.IsSignedByAll(context.Request, resolved.Select(i => i.Secrets.AppSecret)))
        {
            LogBadSignature(logger);
            return MetaWebhookDelivery.InvalidSignature;
        }

        var raw = Encoding.UTF8.GetString(delivery.Body);
        foreach (var inbox in resolved)
        {
            var keys = items.Where(i => i.AccountId == inbox.Inbox.RoutingKey).Select(i => i.Key).Distinct().ToList();
            await store.AppendAsync(inbox.Inbox.Id, keys, raw, cancellationToken);
        }

        return Results.Ok();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instagram webhook for unknown account {AccountIds}")]
    private static partial void LogUnknownAccount(ILogger logger, string accountIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instagram webhook rejected: bad or missing signature")]
    private static partial void LogBadSignature(ILogger logger);
}
