using System.Globalization;
using System.Text;

namespace Omnichannel.Bench.Seeding;

/// <summary>What a conversation is about, so its messages stay on one order, product and customer.</summary>
public sealed record ConversationTopic(string CustomerFirstName, string AgentFirstName, string Order, string Product, bool English);

/// <summary>
/// Message texts of a Brazilian support inbox: customer and agent templates with the conversation's
/// order number and product, short acknowledgements, private notes, and free-form sentences drawn from
/// <see cref="Vocabulary"/>'s long tail. About one conversation in twenty-five is in English.
/// </summary>
public sealed class TextGenerator(Vocabulary vocabulary)
{
    private static readonly string[] CustomerTemplates =
    [
        "Oi, boa tarde! Meu pedido {pedido} ainda não chegou, vocês podem verificar?",
        "Bom dia, comprei um(a) {produto} e até agora nada. O prazo de entrega já passou.",
        "Olá! Gostaria de saber o status do pedido {pedido}.",
        "A entrega está atrasada, o site dizia {prazo} dias úteis e já faz mais de duas semanas.",
        "Recebi o {produto} com defeito, como faço a devolução?",
        "Quero cancelar o pedido {pedido}, ainda não foi enviado.",
        "Preciso do reembolso do pedido {pedido}, o produto veio errado.",
        "Vocês fazem troca? O {produto} ficou pequeno.",
        "O código de rastreio {rastreio} não mostra nenhuma atualização desde {dia}.",
        "Paguei o boleto ontem e o pedido continua como aguardando pagamento.",
        "O pix foi feito às {hora}, segue o comprovante. Valor {valor}.",
        "Meu cartão foi cobrado duas vezes na compra de {valor}, preciso do estorno.",
        "Não consigo acessar minha conta, diz que a senha está errada.",
        "Qual é o prazo de entrega para o CEP {cep}?",
        "O entregador disse que não tinha ninguém em casa mas eu estava o dia todo aqui.",
        "Chegou só uma parte do pedido, faltou o {produto}.",
        "A nota fiscal não veio junto, podem me mandar por email?",
        "Tem como mudar o endereço de entrega? Me mudei semana passada.",
        "Já abri três chamados e ninguém resolve, protocolo {protocolo}.",
        "O reembolso ainda não caiu na minha conta, já faz {prazo} dias.",
        "Boa noite, o {produto} parou de funcionar depois de uma semana de uso. Está na garantia?",
        "Vocês têm loja física em {cidade}?",
        "Gostaria de trocar a cor do {produto}, pode ser azul?",
        "O cupom de desconto não está funcionando no carrinho.",
        "Quando volta para o estoque o {produto}?",
        "A embalagem chegou toda amassada e o {produto} quebrado. Mandei foto.",
        "Comprei no marketplace e o vendedor não responde, vocês podem ajudar?",
        "Não reconheço essa compra no meu cartão, foi fraude?",
        "Oi {agente}, alguma novidade sobre o meu caso?",
        "Preciso da segunda via do boleto, o meu venceu.",
        "Dá para parcelar em 10 vezes sem juros?",
        "A transportadora marcou como entregue mas não recebi nada!!",
        "Ainda aguardo uma resposta sobre a devolução do pedido {pedido}.",
        "Fiz a devolução nos Correios dia {data}, código {rastreio}.",
        "A ação de vocês foi ótima, obrigado pela atenção!",
        "Não recebi o email de confirmação do pedido.",
        "O aplicativo fecha sozinho quando tento finalizar a compra.",
        "Tem garantia estendida para o {produto}?",
        "Quero falar com um atendente humano, por favor.",
        "A entrega atrasada me causou um problema enorme, era presente de aniversário.",
    ];

    private static readonly string[] AgentTemplates =
    [
        "Olá, {cliente}! Meu nome é {agente} e vou te ajudar. Pode me passar o número do pedido?",
        "Oi {cliente}, tudo bem? Verifiquei aqui e o pedido {pedido} está em rota de entrega.",
        "Obrigado por aguardar! O código de rastreio é {rastreio}.",
        "Sinto muito pelo transtorno, {cliente}. Já solicitei o reembolso, ele cai em até {prazo} dias úteis.",
        "Para a troca, basta levar o produto a uma de nossas lojas ou usar a etiqueta de devolução que enviei por email.",
        "Consegui cancelar o pedido {pedido}. O estorno aparece na próxima fatura do cartão.",
        "Abri uma solicitação com a transportadora, protocolo {protocolo}. Retorno assim que tiver novidades.",
        "O pagamento foi confirmado agora há pouco, o pedido já segue para separação.",
        "Você pode me enviar uma foto do {produto} e da embalagem, por favor?",
        "A previsão de entrega é {data}. Qualquer dúvida estou à disposição!",
        "Infelizmente o {produto} está sem estoque, posso oferecer um cupom de 10% em outro modelo?",
        "Enviei a segunda via do boleto para o seu email cadastrado.",
        "Para redefinir a senha, use a opção \"esqueci minha senha\" na tela de login.",
        "Verifiquei que houve duas cobranças de {valor}. A cobrança duplicada já foi estornada.",
        "{cliente}, a devolução foi recebida e aprovada. O reembolso foi liberado hoje.",
        "Posso ajudar em algo mais?",
        "Vou encaminhar o seu caso para o setor financeiro, eles respondem em até 48 horas.",
        "O prazo de entrega para o CEP {cep} é de {prazo} dias úteis após a confirmação do pagamento.",
        "Não encontrei nenhum pedido com esse número, pode confirmar o CPF do titular?",
        "Estamos com um volume alto de atendimentos, obrigado pela paciência.",
        "Atualizei o endereço de entrega conforme solicitado.",
        "O {produto} tem garantia de 12 meses direto com o fabricante.",
        "A nota fiscal do pedido {pedido} foi reenviada.",
        "Como não tivemos retorno, vou encerrar este atendimento. Se precisar, é só chamar!",
        "Bom dia, {cliente}! Passando para avisar que a entrega foi reagendada para {dia}.",
        "Entendo a sua frustração. Vou priorizar o seu caso.",
        "A ação promocional terminou ontem, mas consigo aplicar o desconto manualmente.",
        "Não se preocupe, o valor não foi debitado, foi apenas uma pré-autorização.",
    ];

    private static readonly string[] NoteTemplates =
    [
        "Cliente recorrente, já teve dois problemas de entrega este mês.",
        "Aguardando retorno do financeiro sobre o estorno do pedido {pedido}.",
        "Transportadora confirmou extravio, liberar reembolso integral.",
        "Cliente ameaçou abrir reclamação no Procon, tratar com prioridade.",
        "@{agente} pode assumir? Estou saindo do turno.",
        "Verificar com o estoque se há {produto} para troca.",
        "Não oferecer cupom de novo, já recebeu na última compra.",
        "Fraude descartada, compra confirmada pelo titular por telefone.",
        "Pedido {pedido} com nota fiscal divergente, acionar o fiscal.",
        "Cliente VIP, ação de retenção aprovada pela supervisão.",
    ];

    private static readonly string[] Acknowledgements =
    [
        "ok", "Ok, obrigado!", "Obrigada!", "obrigado", "blz", "certo", "Sim", "sim", "Não", "não", "Aguardo.", "Bom dia",
        "Boa tarde", "Oi", "Alguém?", "??", "Entendi, vou aguardar.", "Perfeito!", "Show, valeu", "Tá bom", "Pode ser",
        "Ainda não", "Já fiz isso", "Nada ainda...", "Ok, aguardo retorno",
    ];

    private static readonly string[] EnglishCustomer =
    [
        "Hi, my order {pedido} still hasn't arrived. Can you check?",
        "Hello, I would like a refund for order {pedido}, the {produto} arrived damaged.",
        "The tracking number {rastreio} has not been updated since {dia}.",
        "Can I exchange the {produto} for a different size?",
        "I was charged twice for the same purchase.",
        "Do you ship to Portugal?",
        "Thanks for the quick answer!",
        "I never received the confirmation email.",
        "The delivery is late, when will it arrive?",
        "Please cancel my order, I don't need it anymore.",
    ];

    private static readonly string[] EnglishAgent =
    [
        "Hi {cliente}! I'm {agente}, I'll help you with that. Could you share your order number?",
        "Your order {pedido} is on its way, tracking code {rastreio}.",
        "I'm sorry for the trouble. Your refund was approved and should show up within {prazo} business days.",
        "The exchange is free: use the return label I just emailed you.",
        "Your order was cancelled and the payment will be reversed.",
        "Is there anything else I can help you with?",
    ];

    private static readonly string[] Cities = ["São Paulo", "Campinas", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre", "Salvador", "Recife", "Fortaleza", "Brasília", "Goiânia", "Florianópolis", "Vitória", "Manaus", "Belém", "Niterói", "Santos", "Ribeirão Preto"];

    private static readonly string[] Weekdays = ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"];

    private readonly Vocabulary _vocabulary = vocabulary;

    public string Product(Random random) => _vocabulary.ProductNames[random.Next(_vocabulary.ProductNames.Count)];

    public string Customer(Random random, ConversationTopic topic)
    {
        if (topic.English)
        {
            return Fill(random, Pick(random, EnglishCustomer), topic);
        }

        var roll = random.NextDouble();
        if (roll < 0.14)
        {
            return Pick(random, Acknowledgements);
        }

        if (roll < 0.66)
        {
            var text = Fill(random, Pick(random, CustomerTemplates), topic);
            return random.NextDouble() < 0.35 ? text + " " + Sentence(random) : text;
        }

        return Sentences(random, random.Next(1, 4));
    }

    public string Agent(Random random, ConversationTopic topic)
    {
        if (topic.English)
        {
            return Fill(random, Pick(random, EnglishAgent), topic);
        }

        var text = random.NextDouble() < 0.8 ? Fill(random, Pick(random, AgentTemplates), topic) : Sentences(random, random.Next(1, 3));
        return random.NextDouble() < 0.2 ? text + " " + Sentence(random) : text;
    }

    public string Note(Random random, ConversationTopic topic) =>
        random.NextDouble() < 0.65 ? Fill(random, Pick(random, NoteTemplates), topic) : Sentence(random);

    /// <summary>One free-form sentence of 4-16 Zipf-distributed words.</summary>
    public string Sentence(Random random)
    {
        var builder = new StringBuilder();
        var words = random.Next(4, 17);
        for (var i = 0; i < words; i++)
        {
            var word = _vocabulary.Sample(random);
            if (i == 0)
            {
                builder.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
                continue;
            }

            builder.Append(i > 2 && random.NextDouble() < 0.06 ? ", " : " ").Append(word);
        }

        var end = random.NextDouble();
        return builder.Append(end < 0.7 ? "." : end < 0.9 ? "?" : "!").ToString();
    }

    private string Sentences(Random random, int count) => string.Join(" ", Enumerable.Range(0, count).Select(_ => Sentence(random)));

    private static string Fill(Random random, string template, ConversationTopic topic)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var builder = new StringBuilder(template);
        builder.Replace("{pedido}", topic.Order)
            .Replace("{produto}", topic.Product)
            .Replace("{cliente}", topic.CustomerFirstName)
            .Replace("{agente}", topic.AgentFirstName)
            .Replace("{prazo}", random.Next(2, 16).ToString(CultureInfo.InvariantCulture))
            .Replace("{valor}", string.Create(CultureInfo.GetCultureInfo("pt-BR"), $"R$ {random.Next(19, 2500) + (random.Next(0, 100) / 100.0):N2}"))
            .Replace("{cep}", string.Create(CultureInfo.InvariantCulture, $"{random.Next(1000, 99999):D5}-{random.Next(0, 1000):D3}"))
            .Replace("{rastreio}", string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}{random.Next(100_000_000, 999_999_999)}BR"))
            .Replace("{protocolo}", string.Create(CultureInfo.InvariantCulture, $"{random.Next(2024, 2027)}{random.Next(0, 10_000_000):D7}"))
            .Replace("{data}", string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 29):D2}/{random.Next(1, 13):D2}"))
            .Replace("{hora}", string.Create(CultureInfo.InvariantCulture, $"{random.Next(7, 23)}h{random.Next(0, 60):D2}"))
            .Replace("{dia}", Pick(random, Weekdays))
            .Replace("{cidade}", Pick(random, Cities));
        return builder.ToString();
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
