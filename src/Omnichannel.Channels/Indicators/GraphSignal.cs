using System.Text.Json.Nodes;

namespace Omnichannel.Channels.Indicators;

/// <summary>Posts one signal body to a Meta messages endpoint and says what went wrong, if anything.</summary>
internal static class GraphSignal
{
    public static HttpContent Body(JsonObject body) => new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Null when Meta took it; otherwise the HTTP status and Meta's error code (never the body: it can echo the request).</summary>
    public static async Task<string?> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var code = await ErrorCodeAsync(response, cancellationToken);
        return code is null ? $"HTTP {(int)response.StatusCode}" : $"HTTP {(int)response.StatusCode}, error code {code}";
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["error"];
            return error?["code"]?.ToJsonString();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
