using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Web.Demo;

/// <summary>
/// Demo mode only: a stand-in for Meta's Graph API so replies in the demo inbox really go through
/// the outbox and come back as "delivered" then "read" status events.
/// </summary>
public static class DemoGraphApi
{
    public const string Route = "/demo/graph";

    private static readonly string[] Receipts = ["delivered", "read"];

    public static IEndpointRouteBuilder MapDemoGraphApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route + "/{version}/{phoneNumberId}/messages", (string phoneNumberId, JsonObject body, IServiceScopeFactory scopes) =>
        {
            // Read receipts and typing indicators (WhatsApp "status", Instagram "sender_action") are acknowledged, not delivered.
            if (body.ContainsKey("status") || body.ContainsKey("sender_action"))
            {
                return Results.Json(new { success = true });
            }

            var wamid = "wamid.demo." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            var recipient = body["to"]?.GetValue<string>() ?? body["recipient"]?.GetValue<string>() ?? "";
            _ = Task.Run(async () =>
            {
                foreach (var status in Receipts)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1.5));
                    await ReportStatusAsync(scopes, phoneNumberId, wamid, recipient, status);
                }
            });
            return Results.Json(new { messaging_product = "whatsapp", contacts = new[] { new { input = recipient, wa_id = recipient } }, messages = new[] { new { id = wamid } } });
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        // Files agents attach are uploaded before they are sent; the demo only hands out an id.
        endpoints.MapPost(Route + "/{version}/{phoneNumberId}/media", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return form.Files["file"] is null
                ? Results.Json(new { error = new { message = "file is required", code = 100 } }, statusCode: 400)
                : Results.Json(new { id = "demo-media-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) });
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task ReportStatusAsync(IServiceScopeFactory scopes, string phoneNumberId, string wamid, string recipient, string status)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var inbox = await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Channel == ChannelType.WhatsApp && i.RoutingKey == phoneNumberId);
        if (inbox is null)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(new
        {
            @object = "whatsapp_business_account",
            entry = new[]
            {
                new
                {
                    id = "demo-waba",
                    changes = new[]
                    {
                        new
                        {
                            field = "messages",
                            value = new
                            {
                                messaging_product = "whatsapp",
                                metadata = new { display_phone_number = "15550000000", phone_number_id = phoneNumberId },
                                statuses = new[] { new { id = wamid, status, timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), recipient_id = recipient } },
                            },
                        },
                    },
                },
            },
        });
        // The same storage and worker as a real webhook (no HTTP hop: this comes from inside the app).
        var store = scope.ServiceProvider.GetRequiredService<InboundEventStore>();
        await store.AppendAsync(inbox.Id, [WhatsAppEvents.StatusKey(wamid, status)], payload, CancellationToken.None);
    }
}
