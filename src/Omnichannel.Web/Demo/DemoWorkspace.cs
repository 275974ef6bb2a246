using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Agents;
using Omnichannel.Common;
using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Web.Demo;

/// <summary>
/// A workspace a new user can click through right after the first start: an admin and two agents
/// (credentials printed once), a WhatsApp inbox wired to the built-in demo Graph API, and a few
/// Portuguese conversations. Runs only when <c>Demo:Seed</c> is true and the database has no users.
/// </summary>
public sealed partial class DemoWorkspace(
    OmnichannelDb db, Users users, IMediator mediator, CurrentActor actor, CustomerMessages customerMessages,
    IConfiguration configuration, ILogger<DemoWorkspace> logger)
{
    public const string InboxName = "WhatsApp Loja Demo";
    public const string PhoneNumberId = "100000000000001";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var password = configuration["Demo:Password"] is { Length: >= 8 } configured ? configured : NewPassword();
        var admin = await users.CreateAsync("admin@demo.local", "Admin Demo", Role.Admin, password);
        var ana = await users.CreateAsync("ana@demo.local", "Ana Souza", Role.Agent, password);
        var bruno = await users.CreateAsync("bruno@demo.local", "Bruno Lima", Role.Agent, password);
        await users.CreateAsync("carla@demo.local", "Carla Mendes", Role.Supervisor, password);
        actor.Set(new Actor(admin.Id, admin.DisplayName, Role.Admin));

        var baseUrl = configuration["Demo:GraphApiBaseUrl"] ?? OwnUrl() + DemoGraphApi.Route;
        var settings = JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["phoneNumberId"] = PhoneNumberId,
            ["accessToken"] = "demo-access-token",
            ["appSecret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["verifyToken"] = "demo-verify-token",
            ["graphApiBaseUrl"] = baseUrl,
        });
        var inbox = await mediator.Send(new CreateInbox(InboxName, "whatsapp", settings), cancellationToken);
        await mediator.Send(new SetInboxMembers(inbox.Id, [ana.Id, bruno.Id]), cancellationToken);
        await SeedConversationsAsync(inbox.Id, ana, cancellationToken);

        LogSeeded(logger);
        Console.WriteLine(
            $"""

            ================================================================
             Omnichannel demo workspace created. Sign in at the app's URL:
               admin@demo.local  (admin)       password: {password}
               ana@demo.local    (agent)       password: {password}
               bruno@demo.local  (agent)       password: {password}
               carla@demo.local  (supervisor)  password: {password}
             This is shown once; set Demo__Password to choose your own.
            ================================================================

            """);
    }

    private async Task SeedConversationsAsync(Guid inboxId, User ana, CancellationToken cancellationToken)
    {
        var inbox = await db.Inboxes.SingleAsync(i => i.Id == inboxId, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        (string Name, string Phone, string Text, int MinutesAgo)[] incoming =
        [
            ("Carla Souza", "553188776655", "Vocês entregam em Belo Horizonte?", 190),
            ("Pedro Almeida", "5548991234567", "Recebi o produto com defeito 😞 o que eu faço?", 95),
            ("João Pereira", "5521987654321", "Bom dia! Gostaria de trocar o tamanho da camiseta que comprei.", 40),
            ("Mariana Lopes", "5511900000001", "Oi! Meu pedido 48213 ainda não chegou, vocês podem verificar?", 3),
        ];
        foreach (var (name, phone, text, minutesAgo) in incoming)
        {
            await customerMessages.ReceiveAsync(
                inbox,
                new CustomerMessage($"wamid.demo.{phone}.1", [new IdentityKey(WhatsAppNumber.Normalise(phone), phone)], name, text, now.AddMinutes(-minutesAgo)),
                cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var pedro = await ConversationOfAsync("Pedro Almeida", cancellationToken);
        await customerMessages.ReceiveAsync(
            inbox,
            new CustomerMessage("wamid.demo.pedro.2", [new IdentityKey("5548991234567", "5548991234567")], null, "[image] Foto da caixa amassada", now.AddMinutes(-94)),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var joao = await ConversationOfAsync("João Pereira", cancellationToken);
        await mediator.Send(new UpdateConversation(joao, ChangeAssignee: true, AssigneeId: ana.Id), cancellationToken);
        var carla = await ConversationOfAsync("Carla Souza", cancellationToken);
        await mediator.Send(new UpdateConversation(carla, ConversationStatus.Resolved), cancellationToken);
        await mediator.Send(new ReplyToConversation(pedro, "Cliente já abriu chamado parecido no mês passado, verificar histórico.", Private: true), cancellationToken);
    }

    /// <summary>Where this app listens (the --urls / ASPNETCORE_URLS setting), so demo replies reach the built-in fake Graph API.</summary>
    private string OwnUrl()
    {
        var first = (configuration["urls"] ?? "http://localhost:5080").Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    private Task<Guid> ConversationOfAsync(string contactName, CancellationToken cancellationToken) =>
        db.Conversations.Where(c => c.Contact!.Name == contactName).Select(c => c.Id).SingleAsync(cancellationToken);

    private static string NewPassword() => "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    // The password goes to the console once, never into the structured log.
    [LoggerMessage(Level = LogLevel.Information, Message = "Demo workspace seeded; sign-in details were printed to the console")]
    private static partial void LogSeeded(ILogger logger);
}
