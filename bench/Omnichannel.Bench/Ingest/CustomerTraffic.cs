using System.Globalization;
using System.Text;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.Bench;

/// <summary>One webhook delivery, built and signed before the clock starts so senders only time the server.</summary>
public sealed record SignedWebhook(string Wamid, string Text, byte[] Body, string Signature);

/// <summary>
/// A realistic inbound mix: many customers, each sending a few text messages, one message per
/// delivery (as Meta usually delivers them), every wamid unique.
/// </summary>
public static class CustomerTraffic
{
    private static readonly string[] Texts =
    [
        "Oi! Meu pedido 48213 ainda não chegou, vocês podem verificar?",
        "Bom dia, gostaria de trocar o tamanho da camiseta que comprei.",
        "O boleto venceu ontem, consigo pagar ainda hoje sem juros?",
        "Obrigado!",
        "Qual é o prazo de entrega para o CEP 01310-100?",
        "Recebi o produto com defeito, como faço a devolução?",
        "Vocês têm loja física em Campinas?",
        "ok",
    ];

    /// <param name="batch">Distinguishes the customers of each round (every round starts new conversations).</param>
    public static List<SignedWebhook> Build(BenchInbox inbox, int batch, int messages, int customers)
    {
        var webhooks = new List<SignedWebhook>(messages);
        for (var i = 0; i < messages; i++)
        {
            var customer = i % customers;
            var phone = string.Create(CultureInfo.InvariantCulture, $"55119{batch:D2}{customer:D6}");
            var wamid = WhatsAppPayloads.NewWamid();
            // Offset by the customer's message number, so one customer does not repeat itself.
            var text = Texts[(customer + (i / customers)) % Texts.Length];
            var body = Encoding.UTF8.GetBytes(WhatsAppPayloads.Text(inbox.PhoneNumberId, phone, $"Cliente {customer}", wamid, text));
            webhooks.Add(new SignedWebhook(wamid, text, body, MetaSignature.Compute(body, inbox.AppSecret)));
        }

        return webhooks;
    }
}
