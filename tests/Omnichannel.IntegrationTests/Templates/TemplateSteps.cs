using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Templates;

/// <summary>Templates and closed windows for tests: what an admin enters, and a customer who wrote a while ago.</summary>
public static class TemplateSteps
{
    public const string OrderBody = "Olá {{1}}, seu pedido {{2}} foi enviado. Podemos ajudar em algo mais?";

    public static async Task<JsonObject> CreateAsync(AppFixture fixture, Guid inboxId, string name = "pedido_enviado", string language = "pt_BR", string body = OrderBody, string status = "approved", string? header = null, string? footer = null)
    {
        var response = await fixture.Admin.PostAsJsonAsync($"/api/v1/inboxes/{inboxId}/templates", new { name, language, category = "utility", status, header, body, footer });
        return await Customers.ReadJsonAsync(response, System.Net.HttpStatusCode.Created);
    }

    /// <summary>Moves the customer's last message back in time (the window is measured from it).</summary>
    public static async Task CustomerLastWroteAsync(AppFixture fixture, Guid conversationId, TimeSpan ago)
    {
        var at = DateTimeOffset.UtcNow - ago;
        await Customers.DbAsync(fixture, db => db.Conversations.Where(c => c.Id == conversationId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastIncomingAt, at)));
    }

    public static async Task<int> StoredCountAsync(AppFixture fixture, Guid conversationId) =>
        await Customers.DbAsync(fixture, db => db.Messages.CountAsync(m => m.ConversationId == conversationId))
        + await Customers.DbAsync(fixture, db => db.OutboxMessages.CountAsync(o => o.ConversationId == conversationId));
}
