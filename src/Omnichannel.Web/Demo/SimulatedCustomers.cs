using System.Globalization;

namespace Omnichannel.Web.Demo;

/// <summary>
/// Who writes to the demo inbox and what they say: a small cast of Brazilian customers (the seeded
/// ones come back, new ones turn up) working through short, realistic Portuguese conversations.
/// Not thread-safe: one simulator owns one script.
/// </summary>
public sealed class SimulatedCustomers(Random random)
{
    /// <summary>New customers are kept so they can come back, up to this many.</summary>
    private const int MaxCast = 40;

    private static readonly string[][] Topics =
    [
        ["Oi, boa tarde! Meu pedido {order} ainda não chegou 😕", "O rastreio está parado em Cajamar há 3 dias", "Consegue ver se tem previsão de entrega?"],
        ["Olá! Comprei um tênis e ficou pequeno. Consigo trocar por um número maior?", "É o pedido {order}", "Pode ser o 40, mesma cor"],
        ["Bom dia. Cancelei meu pedido e ainda não recebi o estorno", "Paguei no cartão de crédito", "Já faz uma semana, está certo isso?"],
        ["Oi! O boleto do pedido {order} venceu, vocês conseguem gerar outro?", "Obrigado! 🙏"],
        ["Vocês têm a jaqueta corta-vento no tamanho G?", "E na cor preta?", "Se tiver, quero garantir uma"],
        ["Recebi a cafeteira hoje e ela não liga 😞", "Já testei em outra tomada", "Pedido {order}. O que eu faço?"],
        ["Preciso mudar o endereço de entrega do pedido {order}, ainda dá tempo?", "O novo é Rua das Flores, 120, apto 32 — Curitiba"],
        ["Só passando pra agradecer: chegou antes do prazo e veio tudo certinho! 👏"],
        ["O cupom PRIMEIRACOMPRA não está funcionando no app", "Aparece \"cupom inválido\"", "Comprei hoje cedo"],
        ["Como faço pra pegar a nota fiscal da minha compra?", "É para reembolso da empresa"],
        ["Oi, tudo bem? Vocês entregam em Manaus?", "Qual o prazo e o frete mais ou menos?"],
        ["Comprei dois itens mas só chegou um na caixa", "Pedido {order}", "Foi enviado separado?"],
    ];

    private static readonly string[] FirstNames =
    [
        "Lucas", "Juliana", "Gabriel", "Fernanda", "Rafaela", "Thiago", "Camila", "Gustavo", "Larissa", "Felipe",
        "Patrícia", "Rodrigo", "Aline", "Marcelo", "Vanessa", "Leonardo", "Letícia", "André", "Bianca", "Eduardo",
    ];

    private static readonly string[] LastNames =
    [
        "Oliveira", "Santos", "Rodrigues", "Ferreira", "Alves", "Gomes", "Ribeiro", "Carvalho", "Martins", "Araújo",
        "Barbosa", "Cardoso", "Teixeira", "Nascimento", "Moreira", "Cavalcanti", "Dias", "Monteiro",
    ];

    // Area codes of the big cities, so numbers look like the ones agents see every day.
    private static readonly string[] AreaCodes = ["11", "21", "31", "41", "48", "51", "61", "62", "71", "81", "85", "92"];

    private readonly List<Customer> _cast =
    [
        // The demo workspace's customers: writing again reopens or continues their conversation.
        new("Mariana Lopes", "5511900000001"),
        new("João Pereira", "5521987654321"),
        new("Pedro Almeida", "5548991234567"),
        new("Carla Souza", "553188776655"),
        new("Rafael Costa", "5561998877665"),
        new("Beatriz Santos", "5571987001122"),
        new("Sofia Ramos", "5541996543210"),
        new("Henrique Nunes", "5585991112233"),
    ];

    /// <summary>The next message: mostly someone already in the cast (continuing or starting a topic), sometimes a new customer.</summary>
    public SimulatedMessage Next()
    {
        var customer = _cast.Count < MaxCast && random.NextDouble() < 0.3 ? NewCustomer() : _cast[random.Next(_cast.Count)];
        if (customer.Topic is null || customer.Line >= customer.Topic.Length)
        {
            customer.Topic = Topics[random.Next(Topics.Length)];
            customer.Line = 0;
            customer.Order = random.Next(40_000, 99_999).ToString(CultureInfo.InvariantCulture);
        }

        var text = customer.Topic[customer.Line++].Replace("{order}", customer.Order, StringComparison.Ordinal);
        return new SimulatedMessage(customer.Name, customer.Phone, text);
    }

    private Customer NewCustomer()
    {
        var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        var phone = "55" + AreaCodes[random.Next(AreaCodes.Length)] + "9" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var customer = new Customer(name, phone);
        _cast.Add(customer);
        return customer;
    }

    private sealed class Customer(string name, string phone)
    {
        public string Name { get; } = name;

        public string Phone { get; } = phone;

        public string[]? Topic { get; set; }

        public int Line { get; set; }

        public string Order { get; set; } = "";
    }
}

public sealed record SimulatedMessage(string Name, string Phone, string Text);
