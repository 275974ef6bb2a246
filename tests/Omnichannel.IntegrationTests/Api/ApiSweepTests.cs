using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Omnichannel.IntegrationTests.Infrastructure;

namespace Omnichannel.IntegrationTests.Api;

/// <summary>
/// Rules every <c>/api/v1</c> endpoint must keep, checked against the endpoints the app actually maps,
/// so an endpoint added later is covered without anyone remembering to list it here.
/// </summary>
public sealed class ApiSweepTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] BadBodies = ["{", "[]", "null", "42", "\"text\""];

    [Fact]
    public void TheSweepSeesTheApi()
    {
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} endpoints found");
        Assert.Contains(endpoints, e => e.Method == "PATCH" && e.Pattern == "/api/v1/conversations/{id}" && e.TakesBody);
        Assert.Contains(endpoints, e => e.Method == "POST" && e.Pattern == "/api/v1/conversations/{id}/read" && !e.TakesBody);
    }

    [Fact]
    public async Task EveryEndpointRefusesCallersWithoutAToken()
    {
        using var anonymous = fixture.ClientWithToken(null);
        foreach (var endpoint in ApiEndpoints())
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(_ => Guid.NewGuid()));
            if (endpoint.TakesBody)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint}: {(int)response.StatusCode} without a token");
        }
    }

    [Fact]
    public async Task EveryEndpointIsInTheOpenApiDocument()
    {
        var paths = (await AppFixture.GetJsonAsync(fixture.Admin, "/openapi/v1.json"))["paths"]!.AsObject();
        foreach (var endpoint in ApiEndpoints())
        {
            var operation = paths[endpoint.Pattern]?[endpoint.Method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{endpoint} is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task EveryEndpointWithABodyRefusesMalformedOrMisshapenJsonAsAProblemAndChangesNothing()
    {
        var ids = await RealIdsAsync();
        var before = await FingerprintAsync();

        foreach (var endpoint in ApiEndpoints().Where(e => e.TakesBody))
        {
            foreach (var body in BadBodies)
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url(ids));
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                var response = await fixture.Admin.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(
                    response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity,
                    $"{endpoint} with body {body}: {(int)response.StatusCode} {text}");
                Assert.True(
                    response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"{endpoint} with body {body}: {response.Content.Headers.ContentType} {text}");
            }
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>An existing entity per route prefix, so a refusal is about the body and not a missing id.</summary>
    private async Task<Func<string, Guid>> RealIdsAsync()
    {
        var (inbox, conversationId, _) = await Infrastructure.Conversations.StartAsync(fixture);
        var contactId = await Customers.DbAsync(fixture, db => db.Conversations.Where(c => c.Id == conversationId).Select(c => c.ContactId).SingleAsync());
        var (userId, _) = await fixture.CreateUserAsync("agent");
        var team = await CreateAsync("/api/v1/teams", new { name = "Sweep " + Guid.NewGuid().ToString("N")[..8] });
        var label = await CreateAsync("/api/v1/labels", new { name = "sweep-" + Guid.NewGuid().ToString("N")[..8], color = "#336699" });
        var canned = await CreateAsync("/api/v1/canned-responses", new { shortCode = "sweep" + Guid.NewGuid().ToString("N")[..8], content = "Olá" });
        var byPrefix = new Dictionary<string, Guid>
        {
            ["conversations"] = conversationId,
            ["contacts"] = contactId,
            ["inboxes"] = inbox.Id,
            ["users"] = userId,
            ["teams"] = team,
            ["labels"] = label,
            ["canned-responses"] = canned,
        };
        return prefix => byPrefix.TryGetValue(prefix, out var id) ? id : Guid.NewGuid();
    }

    private async Task<Guid> CreateAsync(string url, object body)
    {
        var created = await Customers.ReadJsonAsync(await fixture.Admin.PostAsJsonAsync(url, body), HttpStatusCode.Created);
        return Guid.Parse(created["id"]!.GetValue<string>());
    }

    /// <summary>Every row of every table the API can write, as one text (tables only background work touches are left out).</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' " +
            "AND table_name NOT IN ('agent_connections', 'inbound_events', 'data_protection_keys', '__ef_migrations_history') ORDER BY table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var fingerprint = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
            fingerprint.Append(table).Append('=').Append(await rows.ExecuteScalarAsync()).Append('\n');
        }

        return fingerprint.ToString();
    }

    private List<ApiEndpoint> ApiEndpoints() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new ApiEndpoint(
                method,
                "/" + e.RoutePattern.RawText!.Trim('/').Replace(":guid", "", StringComparison.Ordinal),
                e.Metadata.GetMetadata<IAcceptsMetadata>() is not null)))
            .Distinct()
            .ToList();

    private sealed record ApiEndpoint(string Method, string Pattern, bool TakesBody)
    {
        /// <summary>The path with its <c>{id}</c> filled by the id for the resource it follows ("conversations", "teams", ...).</summary>
        public string Url(Func<string, Guid> idFor)
        {
            var segments = Pattern.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i].StartsWith('{'))
                {
                    segments[i] = idFor(segments[i - 1]).ToString();
                }
            }

            return string.Join('/', segments);
        }

        public override string ToString() => $"{Method} {Pattern}";
    }
}
