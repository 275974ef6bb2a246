using System.Text.Json;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>Instagram messaging webhook bodies (shared/docs/channels.md §2.1; Fixtures/instagram-*.json are verbatim samples).</summary>
public static class InstagramPayloads
{
    public static string NewMid() => "aWdfZAG1TEST" + Guid.NewGuid().ToString("N");

    public static string NewIgsid() => Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A customer event: sender = customer, recipient = the business account.</summary>
    public static string FromCustomer(string accountId, string igsid, object @event) => Envelope(accountId, Merge(new { sender = new { id = igsid }, recipient = new { id = accountId }, timestamp = Now() }, @event));

    public static string Text(string accountId, string igsid, string mid, string text) =>
        FromCustomer(accountId, igsid, new { message = new { mid, text } });

    public static string Attachment(string accountId, string igsid, string mid, string type, string url) =>
        FromCustomer(accountId, igsid, new { message = new { mid, attachments = new[] { new { type, payload = new { url } } } } });

    /// <summary>An echo: the business is the sender.</summary>
    public static string Echo(string accountId, string igsid, string mid, string text) =>
        Envelope(accountId, new { sender = new { id = accountId }, recipient = new { id = igsid }, timestamp = Now(), message = new { mid, text, is_echo = true } });

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static Dictionary<string, object?> Merge(object a, object b)
    {
        var merged = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(a))!;
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(b))!)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static string Envelope(string accountId, object messaging) => JsonSerializer.Serialize(new
    {
        @object = "instagram",
        entry = new[] { new { time = Now(), id = accountId, messaging = new[] { messaging } } },
    });
}
