using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Demo;

/// <summary>What a new user gets from scripts/run.sh: demo users, teams, labels, canned responses, an inbox and live-looking deliveries.</summary>
public sealed class DemoWorkspaceTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => TestDatabase.DropAsync(_database);

    [Fact]
    public async Task SeedsUsersAnInboxAndConversationsAndDemoRepliesGetDeliveredAndRead()
    {
        var port = FreePort();
        await using var app = new OmnichannelApp(_database, new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true",
            ["Demo:Password"] = "demo-password-1",
            ["Bootstrap:AdminEmail"] = null,
            ["urls"] = $"http://127.0.0.1:{port}",
        });
        app.UseKestrel(port);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        // Demo users sign in with the printed password; for the API the test gives Ana a token directly.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Omnichannel.Data.OmnichannelDb>();
        var ana = db.Users.Single(u => u.Email == "ana@demo.local");
        Assert.Equal(Omnichannel.Agents.Role.Agent, ana.Role);
        Assert.Equal(6, db.Users.Count());
        Assert.Equal(["Financeiro", "Suporte técnico"], db.Teams.OrderBy(t => t.Name).Select(t => t.Name).ToList());
        Assert.Equal(["entrega", "reclamação", "reembolso", "troca", "vip"], db.Labels.OrderBy(l => l.Name).Select(l => l.Name).ToList());
        Assert.Contains(db.CannedResponses, r => r.ShortCode == "saudacao" && r.Content == "Olá {{contact.name}}! Aqui é {{agent.name}}, como posso ajudar?");
        var inbox = db.Inboxes.Single(i => i.Channel == Omnichannel.Inboxes.ChannelType.WhatsApp);
        Assert.True(inbox.AutoAssignment);
        Assert.Equal(5, inbox.MaxOpenPerAgent);
        Assert.Equal(4, db.InboxMembers.Count(m => m.InboxId == inbox.Id));

        // The web-chat inbox behind /widget-demo, worked by the same four agents; the page embeds its snippet.
        var webChat = db.Inboxes.Single(i => i.Channel == Omnichannel.Inboxes.ChannelType.WebChat);
        Assert.Equal(4, db.InboxMembers.Count(m => m.InboxId == webChat.Id));
        using (var anonymous = new HttpClient { BaseAddress = new Uri(address) })
        {
            var demoPage = await anonymous.GetStringAsync("/widget-demo");
            Assert.Contains($"data-inbox=\"{webChat.RoutingKey}\"", demoPage, StringComparison.Ordinal);

            // The page's own text follows the visitor's language, like the inbox does.
            Assert.Contains("<html lang=\"pt-BR\">", demoPage, StringComparison.Ordinal);
            Assert.Contains("Esta é uma loja de mentira", demoPage, StringComparison.Ordinal);
            using var inEnglish = new HttpRequestMessage(HttpMethod.Get, "/widget-demo");
            inEnglish.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
            var englishPage = await (await anonymous.SendAsync(inEnglish)).Content.ReadAsStringAsync();
            Assert.Contains("This is a pretend shop page", englishPage, StringComparison.Ordinal);
            Assert.Contains($"data-inbox=\"{webChat.RoutingKey}\"", englishPage, StringComparison.Ordinal);
        }

        var token = Omnichannel.Agents.ApiToken.NewValue();
        db.ApiTokens.Add(new Omnichannel.Agents.ApiToken { UserId = ana.Id, Hash = Omnichannel.Agents.ApiToken.HashOf(token), CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var page = await AppFixture.GetJsonAsync(client, "/api/v1/conversations");
        var items = page["items"]!.AsArray();
        Assert.Equal(6, items.Count);
        // Some conversations come labelled, prioritised and with a team, so those screens have something to show.
        var pedro = items.Single(c => c!["contact"]!["name"]!.GetValue<string>() == "Pedro Almeida")!;
        Assert.NotNull(pedro["teamId"]);
        Assert.Equal("high", pedro["priority"]!.GetValue<string>());
        var marianaLabels = items.Single(c => c!["contact"]!["name"]!.GetValue<string>() == "Mariana Lopes")!["labels"]!.AsArray().Select(l => l!.GetValue<string>());
        Assert.Equal(["entrega", "vip"], marianaLabels.Order());
        Assert.Equal(7, db.ConversationLabels.Count());
        var mariana = Guid.Parse(items.Single(c => c!["contact"]!["name"]!.GetValue<string>() == "Mariana Lopes")!["id"]!.GetValue<string>());
        var reply = await Infrastructure.Conversations.ReplyAsync(client, mariana, "Oi Mariana! Vou verificar seu pedido.");
        await AppFixture.EventuallyAsync(
            () => AppFixture.GetJsonAsync(client, $"/api/v1/conversations/{mariana}/messages"),
            m => m["items"]!.AsArray().Any(x => x!["id"]!.GetValue<string>() == reply.ToString() && x["status"]?.GetValue<string>() == "read"),
            "the demo reply to be read", timeoutMs: 15_000);

        // Read receipts and typing indicators toward the customer are answered too (with no message id).
        var signal = await client.PostAsync(
            $"/demo/graph/v23.0/{inbox.RoutingKey}/messages",
            new StringContent("""{"messaging_product":"whatsapp","status":"read","message_id":"wamid.demo.x","typing_indicator":{"type":"text"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, signal.StatusCode);
        var answer = JsonNode.Parse(await signal.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(answer["success"]!.GetValue<bool>());
        Assert.False(answer.ContainsKey("messages"));
    }

    [Fact]
    public async Task SeedingTwiceChangesNothing()
    {
        var settings = new Dictionary<string, string?> { ["Demo:Seed"] = "true", ["Demo:Password"] = "demo-password-1", ["Bootstrap:AdminEmail"] = null };
        await using (var first = new OmnichannelApp(_database, settings))
        {
            first.CreateClient().Dispose();
        }

        await using var second = new OmnichannelApp(_database, settings);
        second.CreateClient().Dispose();
        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Omnichannel.Data.OmnichannelDb>();
        Assert.Equal(6, db.Users.Count());
        Assert.Equal(2, db.Inboxes.Count());
        Assert.Equal(6, db.Conversations.Count());
        Assert.Equal(2, db.Teams.Count());
        Assert.Equal(5, db.Labels.Count());
        Assert.Equal(5, db.CannedResponses.Count());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
