using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.Bench.Seeding;
using Omnichannel.Common;
using Omnichannel.Conversations;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.Bench.Queries;

/// <summary>
/// <c>query</c>: the inbox's read paths on a seeded database (see <see cref="SeedCommand"/>), through
/// the real HTTP API on Kestrel with bearer tokens, as an agent (member of two of the six inboxes)
/// and as a supervisor; and the same statements replayed in plain Npgsql, interleaved with the API
/// requests so both see the same machine. Every statement is EXPLAINed and checked (<see cref="PlanCheck"/>).
/// Exit code 1 when a gated plan check fails.
/// </summary>
public static class QueryCommand
{
    public const double ListTargetMs = 20;
    public const double SearchTargetMs = 100;

    public const string Usage =
        """
        usage: dotnet run -c Release --project bench/Omnichannel.Bench -- query [options]
          --database NAME     seeded database (default omnichannel_bench; create it with `seed`)
          --iterations N      measured requests per scenario, each followed or preceded by its SQL replay (default 200)
          --warmup-rounds N   rounds of every API request and SQL replay before measuring anything, for the JIT (default 60)
          --warmup N          unmeasured requests (and replays) per scenario before its measurement (default 20)
          --max-seconds N     stop measuring a scenario after this long, once it has 20 samples (default 15)
          --only TEXT         only scenarios whose name contains one of these comma-separated words
          --search-shapes S   reference search SQL shapes to measure: hybrid,id,recent,rank (default all)
          --plans             print every statement's plan (default: the slowest statement of each scenario)
          --npgsql SETTINGS   extra Npgsql connection string settings for the app and the replay alike,
                              e.g. "Max Auto Prepare=20" to try server-side prepared statements
        Server: OMNICHANNEL_TEST_DB, else the private 'test' cluster (scripts/postgres.sh ensure test).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var line = new CommandLine(args, Usage, ["--database", "--iterations", "--warmup", "--warmup-rounds", "--max-seconds", "--only", "--search-shapes", "--npgsql"], ["--plans"]);
        var settings = new RunSettings(
            line.Number("--iterations", 200),
            int.TryParse(line.Text("--warmup", "20"), CultureInfo.InvariantCulture, out var warmup) && warmup >= 0 ? warmup : throw new ArgumentException("--warmup needs a whole number."),
            TimeSpan.FromSeconds(line.Number("--max-seconds", 15)),
            line.Number("--warmup-rounds", 60));
        var only = line.Text("--only", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shapes = line.Text("--search-shapes", "hybrid,id,recent,rank").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<SearchShape>(s, ignoreCase: true, out var shape) ? shape : throw new ArgumentException($"Unknown search shape '{s}'.\n{Usage}"))
            .ToList();
        var database = line.Text("--database", SeedCommand.DefaultDatabase);

        var server = await BenchServer.ConnectionStringAsync();
        if (!await BenchServer.DatabaseExistsAsync(server, database))
        {
            output.WriteLine($"Database '{database}' does not exist: run `seed` first (docs/benchmarks.md).");
            return 2;
        }

        var connectionString = new NpgsqlConnectionStringBuilder(BenchServer.ForDatabase(server, database) + ";" + line.Text("--npgsql", "")).ConnectionString;
        await using var sql = new NpgsqlDataSourceBuilder(connectionString) { Name = "bench-sql" }.Build();
        var serverSettings = await ServerSettings.ReadAsync(sql);
        var dataSet = await DescribeDataSetAsync(sql, database);
        var tableRows = await PlanCheck.TableRowsAsync(sql);

        output.WriteLine("Omnichannel query benchmark (conversation list, counters, search) at " + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        BenchReport.Line(output, $"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {BenchReport.LoadAverage()}");
        BenchReport.Line(output, $"server:  {serverSettings}{(line.Has("--npgsql") ? "; Npgsql: " + line.Text("--npgsql", "") : "")}");
        BenchReport.Line(output, $"data:    {dataSet}");
        BenchReport.Line(output, $"method:  {settings.Iterations} requests per scenario after {settings.WarmupRounds} global warm-up rounds and {settings.Warmup} warm-up requests (at most {settings.MaxTime.TotalSeconds:0} s, at least 20),");
        output.WriteLine("         one at a time over one kept-alive connection per user;");
        output.WriteLine("         each request is paired with a replay of the SQL it sent (plain Npgsql, pooled connection, every value read), alternating which goes first.");
        output.WriteLine("         Latencies in ms, nearest-rank percentiles. API÷SQL compares p50s. Targets are judged on the API p95 (SQL p95 where there is no API).");
        output.WriteLine();

        using var capture = new SqlCapture();
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using var app = new OmnichannelApp(connectionString, new Dictionary<string, string?>
        {
            // Both log on every request or every few seconds (see docs/benchmarks.md), which would bury the report.
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Query"] = "Fatal",
            ["Serilog:MinimumLevel:Override:Omnichannel.Conversations.SnoozeAlarm"] = "Fatal",
        });
        app.UseKestrel(0);
        app.StartServer();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var agent = await SignInAsync(sql, address, Workspace.MeasuredAgentEmail, "agent");
        using var supervisor = await SignInAsync(sql, address, Workspace.SupervisorEmail, "supervisor");
        var setup = await SetupAsync(sql, agent, supervisor, output);
        var scenarios = Scenarios(setup, agent, supervisor, shapes)
            .Where(s => only.Length == 0 || only.Any(o => s.Name.Contains(o, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        await CheckAppReadsDataSetAsync(agent, output);
        var searchMissing = await SearchEndpointMissingAsync(agent);
        if (searchMissing)
        {
            output.WriteLine("search:  GET /api/v1/search answers 404: the endpoint is not there yet. Its API scenarios are skipped;");
            output.WriteLine("         the reference SQL (SearchReference) is measured instead. Rerun once it is merged.");
            scenarios.RemoveAll(s => s.Group == ScenarioGroup.Search && s.HasApi);
        }

        // Capture every scenario's SQL and check its plans first, then warm up, then measure.
        var prepared = new List<PreparedScenario>();
        foreach (var scenario in scenarios)
        {
            prepared.Add(await ScenarioRunner.PrepareAsync(scenario, capture, sql, tableRows));
        }

        // JIT: until hot paths reach tier 1 (30+ calls each, recompiled on a background thread), the app and
        // the replay code burn extra CPU, which the scenarios measured first would pay for. So every API
        // request and every replay of the gated scenarios (the slow reference shapes are left out) first.
        var warm = Stopwatch.StartNew();
        for (var round = 0; round < settings.WarmupRounds; round++)
        {
            foreach (var scenario in prepared.Where(p => p.Scenario.Gate))
            {
                await ScenarioRunner.OnceAsync(scenario, round, api: true, sql, meter: null);
                await ScenarioRunner.OnceAsync(scenario, round, api: false, sql, meter: null);
            }
        }

        BenchReport.Line(output, $"warm-up: {settings.WarmupRounds} rounds of every API request and SQL replay in {warm.Elapsed.TotalSeconds:0} s");
        output.WriteLine();
        QueryReport.Header(output);
        var results = new List<ScenarioResult>();
        var meter = new BackendMeter();
        foreach (var scenario in prepared)
        {
            var result = await ScenarioRunner.MeasureAsync(scenario, sql, meter, settings);
            results.Add(result);
            QueryReport.Row(output, result);
        }

        QueryReport.Plans(output, results, line.Has("--plans"));
        var failed = QueryReport.Verdicts(output, results, searchMissing);
        BenchReport.Line(output, $"load average at the end: {BenchReport.LoadAverage()}");
        return failed ? 1 : 0;
    }

    private static async Task<string> DescribeDataSetAsync(NpgsqlDataSource sql, string database)
    {
        await using var command = sql.CreateCommand(
            """
            SELECT shobj_description(d.oid, 'pg_database'),
                   (SELECT count(*) FROM conversations), (SELECT count(*) FROM messages), (SELECT count(*) FROM contacts),
                   (SELECT count(*) FROM conversations WHERE status = 'Open'), pg_size_pretty(pg_database_size(d.oid))
            FROM pg_database d WHERE d.datname = current_database()
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var seed = reader.IsDBNull(0) ? "not seeded by this bench" : reader.GetString(0);
        return string.Create(CultureInfo.InvariantCulture,
            $"'{database}' ({reader.GetString(5)}): {reader.GetInt64(1):N0} conversations ({reader.GetInt64(4):N0} open), {reader.GetInt64(2):N0} messages, {reader.GetInt64(3):N0} contacts; {seed}");
    }

    /// <summary>A fresh API token for the seeded user, issued through the admin API (the seed's bootstrap admin token).</summary>
    private static async Task<ApiActor> SignInAsync(NpgsqlDataSource sql, Uri address, string email, string role)
    {
        await using var command = sql.CreateCommand("SELECT id FROM \"AspNetUsers\" WHERE normalized_email = upper($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        var userId = await command.ExecuteScalarAsync() as Guid? ?? throw new InvalidOperationException($"No user {email}: was this database made by `seed`?");

        using var admin = new HttpClient { BaseAddress = address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OmnichannelApp.AdminToken);
        using var response = await admin.PostAsync($"/api/v1/users/{userId}/api-tokens", null);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();

        Guid[]? visible = null;
        if (role == "agent")
        {
            await using var inboxes = sql.CreateCommand("SELECT inbox_id FROM inbox_members WHERE user_id = $1 ORDER BY inbox_id");
            inboxes.Parameters.Add(new NpgsqlParameter { Value = userId });
            var ids = new List<Guid>();
            await using var reader = await inboxes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }

            visible = [.. ids];
        }

        return new ApiActor(role, userId, visible, address, token);
    }

    /// <summary>The seeded rows go through the app's own read paths: a conversation, its thread (activity lines rendered), the counters.</summary>
    private static async Task CheckAppReadsDataSetAsync(ApiActor actor, TextWriter output)
    {
        var page = await actor.Client.GetFromJsonAsync<JsonObject>("/api/v1/conversations?limit=1");
        var id = page!["items"]![0]!["id"]!.GetValue<string>();
        var conversation = await actor.Client.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}");
        var thread = await actor.Client.GetFromJsonAsync<JsonObject>($"/api/v1/conversations/{id}/messages");
        var counts = await actor.Client.GetFromJsonAsync<JsonObject>("/api/v1/conversations/counts");
        BenchReport.Line(output, $"app:     reads the data set (conversation {conversation!["id"]}: {thread!["items"]!.AsArray().Count} messages; {counts!["all"]!["total"]} open conversations visible to the agent)");
    }

    private static async Task<bool> SearchEndpointMissingAsync(ApiActor actor)
    {
        using var response = await actor.Client.GetAsync("/api/v1/search?q=pedido");
        return response.StatusCode == HttpStatusCode.NotFound;
    }

    /// <summary>Everything the scenarios need from the data: filter values, deep cursors, search terms.</summary>
    private sealed record Setup(
        Guid Inbox,
        string InboxName,
        IReadOnlyList<(string Label, string Cursor)> SupervisorCursors,
        IReadOnlyList<(string Label, string Cursor)> AgentCursors,
        IReadOnlyList<(string Kind, string Term)> Terms,
        IReadOnlyDictionary<(string Term, string Role), long> HybridMatches);

    private static async Task<Setup> SetupAsync(NpgsqlDataSource sql, ApiActor agent, ApiActor supervisor, TextWriter output)
    {
        var visible = agent.VisibleInboxes!;
        var (inbox, inboxName) = await FirstAsync(sql, "SELECT id, name FROM inboxes WHERE id = ANY($1) ORDER BY (SELECT count(*) FROM conversations c WHERE c.inbox_id = inboxes.id) DESC LIMIT 1",
            r => (r.GetGuid(0), r.GetString(1)), visible);

        // Cursors deep into the list, as the API would have returned them after paging that far.
        var total = await FirstAsync(sql, "SELECT count(*) FROM conversations WHERE merged_into_id IS NULL", r => r.GetInt64(0));
        var supervisorCursors = new List<(string, string)>();
        foreach (var share in new[] { 0.01, 0.1, 0.5 })
        {
            var depth = (int)(total * share);
            supervisorCursors.Add(($"after {depth:N0} of {total:N0}", await CursorAtAsync(sql, "merged_into_id IS NULL", depth)));
        }

        var agentOpen = await FirstAsync(sql, "SELECT count(*) FROM conversations WHERE status = 'Open' AND merged_into_id IS NULL AND inbox_id = ANY($1)", r => r.GetInt64(0), visible);
        var agentCursors = new List<(string, string)>();
        foreach (var share in new[] { 0.25, 0.5, 0.9 })
        {
            var depth = (int)(agentOpen * share);
            agentCursors.Add(($"after {depth:N0} of {agentOpen:N0} open", await CursorAtAsync(sql, "status = 'Open' AND merged_into_id IS NULL AND inbox_id = ANY($2)", depth, visible)));
        }

        var phone = await FirstAsync(sql,
            "SELECT i.external_id FROM contact_identities i JOIN conversations c ON c.contact_id = i.contact_id WHERE c.inbox_id = ANY($1) AND i.external_id NOT LIKE 'BR.%' ORDER BY i.external_id OFFSET 100 LIMIT 1",
            r => r.GetString(0), visible);
        var name = await FirstAsync(sql,
            "SELECT ct.name FROM contacts ct JOIN conversations c ON c.contact_id = ct.id WHERE c.inbox_id = ANY($1) AND ct.name LIKE '% %' ORDER BY ct.id OFFSET 200 LIMIT 1",
            r => r.GetString(0), visible);
        var code = await FirstAsync(sql,
            "SELECT substring(text from '[A-Z]{2}[0-9]{9}BR') FROM messages WHERE inbox_id = ANY($1) AND text ~ '[A-Z]{2}[0-9]{9}BR' ORDER BY id LIMIT 1",
            r => r.GetString(0), visible);
        var terms = new List<(string Kind, string Term)>
        {
            ("common word", "pedido"),
            ("rare word", "desembaraço"),
            ("accent-free", "nao"),
            ("multi-word", "entrega atrasada"),
            ("English", "refund"),
            ("tracking code", code),
            ("phone digits", $"{phone[4..9]}-{phone[9..]}"),
            ("contact name", name),
        };

        var hybrid = new Dictionary<(string, string), long>();
        output.WriteLine("search terms (messages matching in all inboxes / in the agent's; contacts matching by name, e-mail or phone digits):");
        foreach (var (kind, term) in terms)
        {
            var all = await FirstAsync(sql, "SELECT count(*) FROM messages WHERE search_vector @@ (websearch_to_tsquery('omni_pt', $1) || websearch_to_tsquery('omni_en', $1))", r => r.GetInt64(0), term);
            var mine = await FirstAsync(sql, "SELECT count(*) FROM messages WHERE search_vector @@ (websearch_to_tsquery('omni_pt', $1) || websearch_to_tsquery('omni_en', $1)) AND inbox_id = ANY($2)", r => r.GetInt64(0), term, visible);
            var digits = new string([.. term.Where(char.IsAsciiDigit)]);
            var contacts = await FirstAsync(sql,
                "SELECT count(*) FROM contacts c WHERE c.search_vector @@ websearch_to_tsquery('omni_simple', $1) OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = c.id AND i.external_id LIKE $2)",
                r => r.GetInt64(0), term, digits.Length >= 4 ? $"%{digits}%" : "-");
            hybrid[(term, supervisor.Role)] = (await SearchReference.CountAsync(sql, term, null)).Matches;
            hybrid[(term, agent.Role)] = (await SearchReference.CountAsync(sql, term, visible)).Matches;
            BenchReport.Line(output, $"  {kind,-14} {"\"" + term + "\"",-22} {all,9:N0} / {mine,9:N0}; {contacts:N0} contacts");
        }

        BenchReport.Line(output, $"filters: inbox '{inboxName}' (the agent's largest), labels 'reembolso' (common) and 'reclame-aqui' (rare), assignee = the agent");
        return new Setup(inbox, inboxName, supervisorCursors, agentCursors, terms, hybrid);
    }

    private static IEnumerable<Scenario> Scenarios(Setup setup, ApiActor agent, ApiActor supervisor, IReadOnlyList<SearchShape> shapes)
    {
        // The list drives its keyset from one of these, and counts unread per row from the messages index.
        string[] listOrder = ["ix_conversations_last_activity_at_id", "ix_conversations_inbox_id_last_activity_at_id"];
        string[] unread = ["ix_messages_conversation_id_created_at_id"];
        const string list = "/api/v1/conversations";

        foreach (var actor in new[] { agent, supervisor })
        {
            Scenario List(string name, string query, IReadOnlyList<string[]>? expected = null) =>
                new(ScenarioGroup.List, "list " + name, actor, [new Variant(name, list + query)], expected ?? [listOrder, unread], ListTargetMs);

            yield return List("open", "?status=open");
            // Where open conversations are dense at the top, walking the global index with an inbox filter is the cheaper plan.
            yield return List($"open, inbox {setup.InboxName}", $"?status=open&inboxId={setup.Inbox}");
            yield return List("open, assignee=me", actor == agent ? "?status=open&assignee=me" : $"?status=open&assignee={agent.UserId}", [[.. listOrder, "ix_conversations_assignee_id_status_last_activity_at_id"], unread]);
            yield return List("open, unassigned", "?status=open&assignee=unassigned", [[.. listOrder, "ix_conversations_unassigned"], unread]);
            yield return List("open, label reembolso", "?status=open&label=reembolso", [[.. listOrder, "ix_conversation_labels_label_id_conversation_id"], unread]);
            yield return List("open, label reclame-aqui (rare)", "?status=open&label=reclame-aqui", [[.. listOrder, "ix_conversation_labels_label_id_conversation_id"], unread]);
            var cursors = actor == agent ? setup.AgentCursors : setup.SupervisorCursors;
            var status = actor == agent ? "status=open&" : "";
            yield return new Scenario(ScenarioGroup.List, actor == agent ? "list deep pages (open, cursor)" : "list deep pages (all statuses, cursor)", actor,
                [.. cursors.Select(c => new Variant(c.Label, $"{list}?{status}cursor={Uri.EscapeDataString(c.Cursor)}"))], [listOrder, unread], ListTargetMs);
            yield return new Scenario(ScenarioGroup.Counts, "counts (open)", actor, [new Variant("counts", list + "/counts")],
                [["ix_conversations_counts"], ["ix_conversation_reads_user_id_conversation_id"]], ListTargetMs);
        }

        foreach (var actor in new[] { agent, supervisor })
        {
            foreach (var (kind, term) in setup.Terms)
            {
                yield return new Scenario(ScenarioGroup.Search, $"search API: {kind}", actor, [new Variant(term, "/api/v1/search?q=" + Uri.EscapeDataString(term))], [SearchIndexes(kind)], SearchTargetMs);
            }
        }

        foreach (var shape in shapes)
        {
            // The recommended shape for both users; the others for the supervisor (no inbox filter: the most matches).
            foreach (var actor in shape == SearchShape.Hybrid ? new[] { agent, supervisor } : [supervisor])
            {
                foreach (var (kind, term) in setup.Terms)
                {
                    var commands = SearchReference.Commands(term, actor.VisibleInboxes, shape, setup.HybridMatches[(term, actor.Role)]);
                    yield return new Scenario(ScenarioGroup.Search, $"search SQL {shape.ToString().ToLowerInvariant()}: {kind}", actor,
                        [new Variant(term, null, commands)], [SearchIndexes(kind)], SearchTargetMs, Gate: shape == SearchShape.Hybrid);
                }
            }
        }
    }

    private static string[] SearchIndexes(string kind) => kind switch
    {
        "phone digits" => ["ix_contact_identities_external_id_trgm", "ix_contacts_phone_key_trgm"],
        "contact name" => ["ix_contacts_search_vector"],
        // Common words may rightly walk pk_messages backwards (newest first) instead.
        _ => ["ix_messages_search_vector", "pk_messages"],
    };

    private static async Task<string> CursorAtAsync(NpgsqlDataSource sql, string filter, int offset, Guid[]? inboxes = null)
    {
        var (at, id) = await FirstAsync(sql,
            $"SELECT last_activity_at, id FROM conversations WHERE {filter} ORDER BY last_activity_at DESC, id DESC OFFSET $1 LIMIT 1",
            r => (r.GetFieldValue<DateTimeOffset>(0), r.GetGuid(1)), inboxes is null ? [offset] : [offset, inboxes]);
        // The API's own encoder, given the row it would have ended a page with.
        return KeysetCursor.Encode(at, id);
    }

    private static async Task<T> FirstAsync<T>(NpgsqlDataSource sql, string text, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var command = sql.CreateCommand(text);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? read(reader) : throw new InvalidOperationException($"No row for: {text}");
    }
}

public sealed record RunSettings(int Iterations, int Warmup, TimeSpan MaxTime, int WarmupRounds);

/// <summary>One timed request: wall time, this process's CPU, and the database backends' CPU and run-queue wait meanwhile.</summary>
public sealed record Sample(double Milliseconds, double ProcessCpuMs, double DbCpuMs, double DbWaitMs);

/// <summary>Mean CPU per request. Means, not percentiles: they add up, and the interesting part is where the work is.</summary>
public sealed record Cost(double ProcessCpuMs, double DbCpuMs, double DbWaitMs);

public sealed class Samples
{
    private readonly List<Sample> _samples = [];

    public IEnumerable<double> Milliseconds => _samples.Select(s => s.Milliseconds);

    public void Add(Sample? sample)
    {
        if (sample is not null)
        {
            _samples.Add(sample);
        }
    }

    public Cost? Cost(bool database) => _samples.Count == 0 ? null : new Cost(
        _samples.Average(s => s.ProcessCpuMs),
        database ? _samples.Average(s => s.DbCpuMs) : double.NaN,
        database ? _samples.Average(s => s.DbWaitMs) : double.NaN);
}

/// <summary>A scenario with the SQL its requests send, and that SQL's plans.</summary>
public sealed record PreparedScenario(
    Scenario Scenario,
    IReadOnlyList<IReadOnlyList<CapturedCommand>> Commands,
    string Rows,
    IReadOnlyList<IReadOnlyList<StatementPlan>> Plans,
    IReadOnlyList<string> Violations,
    IReadOnlyList<string> Warnings,
    string? Note);

/// <summary>Measures one scenario: capture its SQL and EXPLAIN it (prepare), then warm up and time API requests and SQL replays back to back.</summary>
public static class ScenarioRunner
{
    private const int MinimumSamples = 20;
    private static int _captureNumber;

    public static async Task<PreparedScenario> PrepareAsync(Scenario scenario, SqlCapture capture, NpgsqlDataSource sql, IReadOnlyDictionary<string, double> tableRows)
    {
        var variants = scenario.Variants;
        var commands = new IReadOnlyList<CapturedCommand>[variants.Count];
        var rows = new List<string>();
        string? note = null;
        for (var v = 0; v < variants.Count; v++)
        {
            var variant = variants[v];
            if (variant.Path is not null)
            {
                var key = "c" + Interlocked.Increment(ref _captureNumber).ToString(CultureInfo.InvariantCulture);
                capture.Enabled = true;
                using var request = new HttpRequestMessage(HttpMethod.Get, variant.Path) { Headers = { { SqlCapture.Header, key } } };
                using var response = await scenario.Actor.Client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                capture.Enabled = false;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{scenario.Name} ({scenario.Actor.Role}): GET {variant.Path} → {(int)response.StatusCode}: {body}");
                }

                rows.Add(ItemCount(body));
                commands[v] = variant.Sql ?? capture.Take(key).Where(IsQuery).ToList();
                if (commands[v].Count == 0)
                {
                    note = "no SQL captured: the endpoint does not use EF Core; SQL column empty";
                }
            }
            else
            {
                commands[v] = variant.Sql!;
                rows.Add((await ReplayAsync(sql, commands[v])).Rows.ToString(CultureInfo.InvariantCulture));
            }
        }

        var plans = new List<IReadOnlyList<StatementPlan>>();
        foreach (var statements in commands)
        {
            var explained = new List<StatementPlan>();
            foreach (var command in statements)
            {
                explained.Add(await PlanCheck.ExplainAsync(sql, command));
            }

            plans.Add(explained);
        }

        var violations = plans.SelectMany(p => PlanCheck.Violations(p, scenario.Expected, tableRows)).Distinct().ToList();
        var warnings = plans.SelectMany(p => PlanCheck.Warnings(p, tableRows)).Distinct().ToList();
        return new PreparedScenario(
            scenario, commands, string.Join("/", rows.Distinct()), plans,
            scenario.Gate ? violations : [.. violations.Select(v => "(diagnostic) " + v)], warnings, note);
    }

    public static async Task<ScenarioResult> MeasureAsync(PreparedScenario prepared, NpgsqlDataSource sql, BackendMeter meter, RunSettings settings)
    {
        for (var i = 0; i < settings.Warmup; i++)
        {
            await OnceAsync(prepared, i, api: true, sql, null);
            await OnceAsync(prepared, i, api: false, sql, null);
        }

        // Both pools are warm now: these are the backends that will serve the measured requests.
        await meter.RefreshAsync(sql);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var apiSamples = new Samples();
        var sqlSamples = new Samples();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < settings.Iterations; i++)
        {
            // Alternate which goes first, so neither always finds the caches the other just warmed.
            var first = i % 2 == 0;
            (first ? apiSamples : sqlSamples).Add(await OnceAsync(prepared, i, api: first, sql, meter));
            (first ? sqlSamples : apiSamples).Add(await OnceAsync(prepared, i, api: !first, sql, meter));
            if (i + 1 >= MinimumSamples && Stopwatch.GetElapsedTime(started) > settings.MaxTime)
            {
                break;
            }
        }

        return new ScenarioResult(
            prepared.Scenario,
            prepared.Scenario.HasApi ? new Latencies(apiSamples.Milliseconds) : null,
            new Latencies(sqlSamples.Milliseconds),
            apiSamples.Cost(meter.Available),
            sqlSamples.Cost(meter.Available),
            prepared.Commands.Max(c => c.Count),
            prepared.Rows,
            prepared.Plans,
            prepared.Violations,
            prepared.Warnings,
            BenchReport.LoadAverage().Split(' ')[0],
            prepared.Note);
    }

    /// <summary>One API request or one SQL replay of request shape <c>i % variants</c>; null when the scenario has no such side.</summary>
    public static async Task<Sample?> OnceAsync(PreparedScenario prepared, int i, bool api, NpgsqlDataSource sql, BackendMeter? meter)
    {
        var variants = prepared.Scenario.Variants;
        var v = i % variants.Count;
        if (api ? variants[v].Path is null : prepared.Commands[v].Count == 0)
        {
            return null;
        }

        var (dbCpu, dbWait) = meter?.Read() ?? default;
        var processCpu = BackendMeter.ProcessCpuMs();
        var start = Stopwatch.GetTimestamp();
        if (api)
        {
            using var response = await prepared.Scenario.Actor.Client.GetAsync(variants[v].Path);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {variants[v].Path} → {(int)response.StatusCode}");
            }
        }
        else
        {
            await ReplayAsync(sql, prepared.Commands[v]);
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var processAfter = BackendMeter.ProcessCpuMs();
        var (dbCpuAfter, dbWaitAfter) = meter?.Read() ?? default;
        return new Sample(elapsed, processAfter - processCpu, dbCpuAfter - dbCpu, dbWaitAfter - dbWait);
    }

    /// <summary>The request's statements in order on one pooled connection, every value read, as EF Core would.</summary>
    public static async Task<(double Milliseconds, long Rows)> ReplayAsync(NpgsqlDataSource sql, IReadOnlyList<CapturedCommand> commands)
    {
        var start = Stopwatch.GetTimestamp();
        long rows = 0;
        await using (var connection = await sql.OpenConnectionAsync())
        {
            foreach (var captured in commands)
            {
                await using var command = captured.ToCommand(connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        _ = reader.GetValue(i);
                    }

                    rows++;
                }
            }
        }

        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, rows);
    }

    /// <summary>Only reads are replayed: a GET that wrote something would be a finding of its own.</summary>
    private static bool IsQuery(CapturedCommand command)
    {
        var text = command.Sql.TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase);
    }

    private static string ItemCount(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.GetArrayLength().ToString(CultureInfo.InvariantCulture)
            : "1";
    }
}
