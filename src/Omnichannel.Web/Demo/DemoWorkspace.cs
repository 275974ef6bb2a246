using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Agents;
using Omnichannel.CannedResponses;
using Omnichannel.Common;
using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Labels;
using Omnichannel.Teams;
using Omnichannel.Templates;

namespace Omnichannel.Web.Demo;

/// <summary>
/// A workspace a new user can click through right after the first start: an admin, a supervisor and
/// four agents (credentials printed once), two teams, labels and canned responses in Portuguese, a
/// WhatsApp inbox wired to the built-in demo Graph API with automatic assignment, and a few Portuguese
/// conversations (labelled, prioritised, some handed to a team). Runs only when <c>Demo:Seed</c> is
/// true and the database has no users.
/// </summary>
public sealed partial class DemoWorkspace(
    OmnichannelDb db, Users users, IMediator mediator, CurrentActor actor, CustomerMessages customerMessages,
    IConfiguration configuration, ILogger<DemoWorkspace> logger)
{
    public const string InboxName = "WhatsApp Loja Demo";
    public const string PhoneNumberId = "100000000000001";
    public const string WebChatInboxName = "Chat do site Loja Demo";

    /// <summary>Open conversations an agent of the demo inbox holds before routing passes them by.</summary>
    public const int DemoCapacity = 5;

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
        var diego = await users.CreateAsync("diego@demo.local", "Diego Ferreira", Role.Agent, password);
        var elisa = await users.CreateAsync("elisa@demo.local", "Elisa Rocha", Role.Agent, password);
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
        await mediator.Send(new SetInboxMembers(inbox.Id, [ana.Id, bruno.Id, diego.Id, elisa.Id]), cancellationToken);
        var financeiro = await mediator.Send(new CreateTeam("Financeiro", "Reembolsos, boletos e cobranças", [ana.Id, elisa.Id]), cancellationToken);
        var suporte = await mediator.Send(new CreateTeam("Suporte técnico", "Defeitos, trocas e dúvidas sobre produtos", [bruno.Id, diego.Id]), cancellationToken);
        await SeedWorkdayListsAsync(cancellationToken);
        await SeedTemplatesAsync(inbox.Id, cancellationToken);
        await SeedConversationsAsync(inbox.Id, ana, financeiro.Id, suporte.Id, cancellationToken);

        // Routing goes on last, so the seeded conversations keep the assignments above; from now on new
        // customers (and the simulator's) are handed out to whoever of the four agents is online.
        await mediator.Send(new UpdateInbox(inbox.Id, AutoAssignment: true, ChangeMaxOpen: true, MaxOpenPerAgent: DemoCapacity), cancellationToken);
        await SeedWebChatAsync([ana.Id, bruno.Id, diego.Id, elisa.Id], cancellationToken);

        LogSeeded(logger);
        Console.WriteLine(
            $"""

            ================================================================
             Omnichannel demo workspace created. Sign in at the app's URL:
               admin@demo.local  (admin)       password: {password}
               carla@demo.local  (supervisor)  password: {password}
               ana@demo.local, bruno@demo.local, diego@demo.local,
               elisa@demo.local  (agents)      password: {password}
             This is shown once; set Demo__Password to choose your own.
            ================================================================

            """);
    }

    /// <summary>The web-chat inbox behind <c>/widget-demo</c>: a shop's site chat in Portuguese, asking for an e-mail when nobody is online.</summary>
    private async Task SeedWebChatAsync(Guid[] members, CancellationToken cancellationToken)
    {
        var settings = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["siteName"] = "Loja Demo",
            ["color"] = "#7C3AED",
            ["greeting"] = "Olá! 👋 Como podemos ajudar? Respondemos em poucos minutos.",
            ["language"] = "pt-BR",
            ["preChatForm"] = true,
            ["preChatRequired"] = new List<string> { "email" },
        });
        var webChat = await mediator.Send(new CreateInbox(WebChatInboxName, "webchat", settings), cancellationToken);
        await mediator.Send(new SetInboxMembers(webChat.Id, members), cancellationToken);
        await mediator.Send(new UpdateInbox(webChat.Id, AutoAssignment: true, ChangeMaxOpen: true, MaxOpenPerAgent: DemoCapacity), cancellationToken);
    }

    private async Task SeedWorkdayListsAsync(CancellationToken cancellationToken)
    {
        (string Name, string Color, string Description)[] labels =
        [
            ("reembolso", "#DC2626", "Cliente pediu o dinheiro de volta"),
            ("entrega", "#2563EB", "Atraso, rastreio ou endereço"),
            ("vip", "#7C3AED", "Cliente com muitas compras: atender primeiro"),
            ("reclamação", "#EA580C", "Cliente insatisfeito; pode virar Reclame Aqui"),
            ("troca", "#0D9488", "Troca de tamanho, cor ou modelo"),
        ];
        foreach (var (name, color, description) in labels)
        {
            await mediator.Send(new CreateLabel(name, color, description), cancellationToken);
        }

        (string ShortCode, string Content)[] responses =
        [
            ("saudacao", "Olá {{contact.name}}! Aqui é {{agent.name}}, como posso ajudar?"),
            ("prazo", "O prazo de entrega é de 3 a 7 dias úteis após a confirmação do pagamento. Assim que o pedido for despachado, você recebe o código de rastreio por aqui."),
            ("reembolso", "{{contact.name}}, seu reembolso foi solicitado! O valor volta para o mesmo meio de pagamento em até 10 dias úteis (no cartão, pode aparecer na próxima fatura)."),
            ("troca", "Para trocar, é só responder com o número do pedido e o tamanho ou cor que você prefere. A primeira troca é por nossa conta."),
            ("encerramento", "Posso ajudar em mais alguma coisa, {{contact.name}}? Se estiver tudo certo, vou encerrar este atendimento. Obrigado pelo contato!"),
        ];
        foreach (var (shortCode, content) in responses)
        {
            await mediator.Send(new CreateCannedResponse(shortCode, content), cancellationToken);
        }
    }

    /// <summary>Approved WhatsApp templates, for answers after the 24-hour window closed.</summary>
    private async Task SeedTemplatesAsync(Guid inboxId, CancellationToken cancellationToken)
    {
        (string Name, string Body)[] templates =
        [
            ("retomar_atendimento", "Olá {{1}}! Aqui é da Loja Exemplo. Ainda podemos ajudar com a sua última mensagem? É só responder por aqui."),
            ("pedido_enviado", "Olá {{1}}, seu pedido {{2}} foi enviado! Acompanhe pelo código de rastreio {{3}}."),
        ];
        foreach (var (name, body) in templates)
        {
            await mediator.Send(
                new CreateTemplate(inboxId, new TemplateFields(name, "pt_BR", TemplateCategory.Utility, TemplateStatus.Approved, null, body, "Loja Exemplo")),
                cancellationToken);
        }
    }

    private async Task SeedConversationsAsync(Guid inboxId, User ana, Guid financeiro, Guid suporte, CancellationToken cancellationToken)
    {
        var inbox = await db.Inboxes.SingleAsync(i => i.Id == inboxId, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        (string Name, string Phone, string Text, int MinutesAgo)[] incoming =
        [
            ("Carla Souza", "553188776655", "Vocês entregam em Belo Horizonte?", 190),
            ("Rafael Costa", "5561998877665", "Cancelei a compra ontem e ainda não vi o estorno no cartão. Quando cai?", 130),
            ("Pedro Almeida", "5548991234567", "Recebi o produto com defeito 😞 o que eu faço?", 95),
            ("Beatriz Santos", "5571987001122", "Oi! Sou cliente há anos e queria saber se o cupom de aniversário vale no site também 😊", 62),
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
        await mediator.Send(new UpdateConversation(joao, ChangeAssignee: true, AssigneeId: ana.Id, Labels: ["troca"]), cancellationToken);
        var carla = await ConversationOfAsync("Carla Souza", cancellationToken);
        await mediator.Send(new UpdateConversation(carla, ConversationStatus.Resolved, Labels: ["entrega"]), cancellationToken);
        await mediator.Send(new ReplyToConversation(pedro, "Cliente já abriu chamado parecido no mês passado, verificar histórico.", Private: true), cancellationToken);
        await mediator.Send(new UpdateConversation(pedro, ChangeTeam: true, TeamId: suporte, Priority: Priority.High, Labels: ["reclamação"]), cancellationToken);
        var rafael = await ConversationOfAsync("Rafael Costa", cancellationToken);
        await mediator.Send(new UpdateConversation(rafael, ChangeTeam: true, TeamId: financeiro, Priority: Priority.Medium, Labels: ["reembolso"]), cancellationToken);
        var beatriz = await ConversationOfAsync("Beatriz Santos", cancellationToken);
        await mediator.Send(new UpdateConversation(beatriz, Priority: Priority.Low, Labels: ["vip"]), cancellationToken);
        var mariana = await ConversationOfAsync("Mariana Lopes", cancellationToken);
        await mediator.Send(new UpdateConversation(mariana, Priority: Priority.Urgent, Labels: ["entrega", "vip"]), cancellationToken);
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
