using System.Globalization;
using System.Text;

namespace Omnichannel.Bench.Seeding;

/// <summary>Brazilian names, e-mail addresses and WhatsApp numbers (55 + area code + 9 + 8 digits).</summary>
public static class People
{
    public static readonly string[] FirstNames =
    [
        "Ana", "Maria", "Mariana", "Juliana", "Fernanda", "Camila", "Beatriz", "Larissa", "Gabriela", "Letícia", "Amanda", "Bruna",
        "Patrícia", "Aline", "Vanessa", "Carla", "Renata", "Débora", "Luciana", "Tatiane", "Isabela", "Sofia", "Helena", "Valentina",
        "Alice", "Laura", "Manuela", "Luíza", "Cecília", "Raquel", "Priscila", "Adriana", "Sandra", "Cláudia", "Márcia", "Simone",
        "João", "José", "Pedro", "Lucas", "Gabriel", "Mateus", "Rafael", "Gustavo", "Felipe", "Bruno", "Rodrigo", "Thiago",
        "Diego", "Leonardo", "Eduardo", "Marcelo", "André", "Carlos", "Paulo", "Ricardo", "Fábio", "Daniel", "Vinícius", "Caio",
        "Henrique", "Arthur", "Heitor", "Davi", "Bernardo", "Miguel", "Samuel", "Otávio", "Antônio", "Francisco", "Luiz", "Sérgio",
        "Roberto", "Márcio", "Alexandre", "Fernando", "Igor", "Wellington", "Jefferson", "Cristiano", "Kauã", "Enzo", "Yasmin", "Joana",
    ];

    public static readonly string[] LastNames =
    [
        "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro",
        "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento",
        "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves", "Santana",
        "Teixeira", "Araújo", "Pinto", "Correia", "Cavalcanti", "Monteiro", "Moura", "Campos", "Coelho", "Cunha", "Couto",
        "Farias", "Batista", "Brandão", "Bezerra", "Leite", "Xavier", "Macedo", "Sampaio", "Tavares", "Prado", "Queiroz",
    ];

    /// <summary>Area codes weighted roughly by population (São Paulo first).</summary>
    private static readonly (int Code, int Weight)[] AreaCodes =
    [
        (11, 30), (21, 12), (31, 8), (41, 5), (51, 5), (61, 4), (71, 4), (81, 4), (85, 4), (19, 4), (27, 3), (48, 3),
        (62, 3), (92, 2), (91, 2), (13, 2), (16, 2), (17, 2), (47, 2), (83, 1), (84, 1), (98, 1), (65, 1), (67, 1),
    ];

    private static readonly string[] Domains = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "outlook.com", "yahoo.com.br", "uol.com.br", "bol.com.br", "icloud.com"];

    public static string FullName(Random random)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        return random.NextDouble() < 0.3 ? $"{first} {LastNames[random.Next(LastNames.Length)]} {last}" : $"{first} {last}";
    }

    public static string Email(Random random, string name)
    {
        var parts = RemoveAccents(name).ToLowerInvariant().Split(' ');
        var local = random.Next(3) switch
        {
            0 => $"{parts[0]}.{parts[^1]}",
            1 => string.Create(CultureInfo.InvariantCulture, $"{parts[0]}{parts[^1]}{random.Next(1, 99)}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{parts[0][0]}{parts[^1]}{random.Next(1970, 2008)}"),
        };
        return $"{local}@{Domains[random.Next(Domains.Length)]}";
    }

    /// <summary>A unique mobile number: <paramref name="serial"/> picks the 8 subscriber digits, so numbers never collide.</summary>
    public static string MobileNumber(Random random, int serial)
    {
        var total = AreaCodes.Sum(a => a.Weight);
        var roll = random.Next(total);
        var code = AreaCodes[0].Code;
        foreach (var (areaCode, weight) in AreaCodes)
        {
            if (roll < weight)
            {
                code = areaCode;
                break;
            }

            roll -= weight;
        }

        // Spread the serial over the subscriber range with a multiplicative permutation (unique per serial).
        var subscriber = (int)(((long)serial * 48_271 + 12_345_678) % 90_000_000) + 10_000_000;
        return string.Create(CultureInfo.InvariantCulture, $"55{code}9{subscriber:D8}");
    }

    /// <summary>"+55 11 98765-4321", as a person types it into the contact's phone field.</summary>
    public static string Formatted(string number) => $"+{number[..2]} {number[2..4]} {number[4..9]}-{number[9..]}";

    public static string RemoveAccents(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
