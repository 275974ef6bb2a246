using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.Bench.Seeding;

public sealed record SeedInbox(Guid Id, string Name, double Weight);

public sealed record SeedUser(Guid Id, string Email, string Name);

public sealed record SeedTeam(Guid Id, string Name, int[] Members);

public sealed record SeedLabel(Guid Id, string Name, double Weight);

/// <summary>
/// The small, hand-shaped part of the data set, created through the real admin API (so users have
/// Identity rows and password hashes, inboxes have encrypted secrets): six WhatsApp inboxes, 30
/// agents who are members of one to three of them, two supervisors, four teams and twelve labels.
/// <c>agent01@bench.local</c> (member of Suporte and Pós-venda) is the agent the query benchmark signs in as.
/// </summary>
public sealed record Workspace(
    IReadOnlyList<SeedInbox> Inboxes,
    IReadOnlyList<SeedUser> Agents,
    IReadOnlyList<SeedUser> Supervisors,
    IReadOnlyList<int[]> InboxMembers,
    IReadOnlyList<SeedTeam> Teams,
    IReadOnlyList<int> TeamOfInbox,
    IReadOnlyList<SeedLabel> Labels)
{
    public const string MeasuredAgentEmail = "agent01@bench.local";
    public const string SupervisorEmail = "supervisor01@bench.local";
    public const string Password = "bench-password-1";

    // Name, share of the traffic, members (agent numbers, 1-based), team (index into Teams, -1 for none).
    private static readonly (string Name, double Weight, int[] Members, int Team)[] InboxLayout =
    [
        ("Vendas", 0.30, [.. Range(11, 20), 29, 30], 3),
        ("Suporte", 0.28, [.. Range(1, 12)], 0),
        ("Pós-venda", 0.14, [.. Range(1, 4), .. Range(13, 16)], 1),
        ("Financeiro", 0.12, [5, .. Range(21, 25)], 2),
        ("Loja São Paulo", 0.10, [17, .. Range(26, 28)], -1),
        ("Loja Rio", 0.06, [18, 29, 30], -1),
    ];

    private static readonly (string Name, int[] Members)[] TeamLayout =
    [
        ("Atendimento N1", [.. Range(1, 12)]),
        ("Atendimento N2", [.. Range(1, 4), .. Range(13, 16)]),
        ("Financeiro", [5, .. Range(21, 25)]),
        ("Comercial", [.. Range(11, 20)]),
    ];

    private static readonly string[] LabelNames =
    [
        "reembolso", "entrega-atrasada", "troca", "defeito", "cancelamento", "boleto", "vip", "duvida", "elogio", "fraude", "procon", "reclame-aqui",
    ];

    private static readonly string[] LabelColors = ["#e53935", "#fb8c00", "#fdd835", "#43a047", "#1e88e5", "#8e24aa", "#6d4c41", "#546e7a"];

    public const int AgentCount = 30;

    public static async Task<Workspace> CreateAsync(OmnichannelApp app, TextWriter output)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OmnichannelApp.AdminToken);

        var agents = new List<SeedUser>();
        for (var i = 1; i <= AgentCount; i++)
        {
            agents.Add(await CreateUserAsync(client, string.Create(CultureInfo.InvariantCulture, $"agent{i:D2}@bench.local"), AgentName(i), "agent"));
        }

        var supervisors = new List<SeedUser>
        {
            await CreateUserAsync(client, SupervisorEmail, "Helena Supervisora", "supervisor"),
            await CreateUserAsync(client, "supervisor02@bench.local", "Otávio Supervisor", "supervisor"),
        };

        var teams = new List<SeedTeam>();
        foreach (var (name, members) in TeamLayout)
        {
            var body = await PostAsync(client, "/api/v1/teams", new { name, description = $"Equipe {name}", userIds = members.Select(m => agents[m - 1].Id).ToArray() });
            teams.Add(new SeedTeam(IdOf(body), name, [.. members.Select(m => m - 1)]));
        }

        var inboxes = new List<SeedInbox>();
        var inboxMembers = new List<int[]>();
        var teamOfInbox = new List<int>();
        for (var i = 0; i < InboxLayout.Length; i++)
        {
            var (name, weight, members, team) = InboxLayout[i];
            var phoneNumberId = string.Create(CultureInfo.InvariantCulture, $"5511400000{i:D2}");
            var body = await PostAsync(client, "/api/v1/inboxes", new
            {
                name,
                channel = "whatsapp",
                // Nothing listens on port 9 (discard): a seeded inbox can never reach a real provider.
                settings = new { phoneNumberId, accessToken = "bench-token", appSecret = "bench-app-secret", verifyToken = "verify-" + phoneNumberId, graphApiBaseUrl = "http://127.0.0.1:9/graph", apiVersion = "v23.0" },
            });
            var id = IdOf(body);
            using var put = await client.PutAsJsonAsync($"/api/v1/inboxes/{id}/members", new { userIds = members.Select(m => agents[m - 1].Id).ToArray() });
            await EnsureSuccessAsync(put);
            inboxes.Add(new SeedInbox(id, name, weight));
            inboxMembers.Add([.. members.Select(m => m - 1)]);
            teamOfInbox.Add(team);
        }

        var labels = new List<SeedLabel>();
        for (var i = 0; i < LabelNames.Length; i++)
        {
            var body = await PostAsync(client, "/api/v1/labels", new { name = LabelNames[i], color = LabelColors[i % LabelColors.Length], description = (string?)null });
            // Zipf-like popularity: "reembolso" on many conversations, "reclame-aqui" on few.
            labels.Add(new SeedLabel(IdOf(body), LabelNames[i], 1.0 / (i + 1)));
        }

        BenchReport.Line(output, $"workspace: {inboxes.Count} inboxes, {agents.Count} agents, {supervisors.Count} supervisors, {teams.Count} teams, {labels.Count} labels (admin API)");
        return new Workspace(inboxes, agents, supervisors, inboxMembers, teams, teamOfInbox, labels);
    }

    private static string AgentName(int number) =>
        $"{People.FirstNames[(number * 7) % People.FirstNames.Length]} {People.LastNames[(number * 5) % People.LastNames.Length]}";

    private static async Task<SeedUser> CreateUserAsync(HttpClient client, string email, string name, string role)
    {
        var body = await PostAsync(client, "/api/v1/users", new { email, name, role, password = Password });
        return new SeedUser(IdOf(body), email, name);
    }

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        await EnsureSuccessAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static Guid IdOf(JsonObject body) => Guid.Parse(body["id"]!.GetValue<string>());

    private static IEnumerable<int> Range(int first, int last) => Enumerable.Range(first, last - first + 1);
}
