using System.Globalization;
using System.Text.Json;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>Webhook bodies in the Cloud API shape (see Fixtures/ for verbatim provider samples).</summary>
public static class WhatsAppPayloads
{
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static string NewWamid() => "wamid.TEST" + Guid.NewGuid().ToString("N");

    public static string Text(string phoneNumberId, string from, string name, string wamid, string body, DateTimeOffset? at = null, string? userId = null) =>
        Envelope(phoneNumberId, new
        {
            messaging_product = "whatsapp",
            metadata = new { display_phone_number = "15551230001", phone_number_id = phoneNumberId },
            contacts = new[] { Contact(from, name, userId) },
            messages = new[] { new { from, id = wamid, timestamp = Seconds(at), type = "text", text = new { body } } },
        });

    /// <summary>A contact known only by a business-scoped user id (no phone number), as WhatsApp usernames allow.</summary>
    public static string TextFromUserIdOnly(string phoneNumberId, string userId, string name, string wamid, string body) =>
        Envelope(phoneNumberId, new
        {
            messaging_product = "whatsapp",
            metadata = new { display_phone_number = "15551230001", phone_number_id = phoneNumberId },
            contacts = new[] { new { profile = new { name }, user_id = userId } },
            messages = new[] { new { from_user_id = userId, id = wamid, timestamp = Seconds(null), type = "text", text = new { body } } },
        });

    public static string Image(string phoneNumberId, string from, string wamid, string caption) =>
        Envelope(phoneNumberId, new
        {
            messaging_product = "whatsapp",
            metadata = new { display_phone_number = "15551230001", phone_number_id = phoneNumberId },
            contacts = new[] { Contact(from, "Cliente", null) },
            messages = new[] { new { from, id = wamid, timestamp = Seconds(null), type = "image", image = new { caption, mime_type = "image/jpeg", id = "1298765432109876" } } },
        });

    /// <summary>A message of any type: <paramref name="content"/> is the object under the type's name (image, location, contacts...).</summary>
    public static string Message(string phoneNumberId, string from, string wamid, string type, object content) =>
        Envelope(phoneNumberId, new
        {
            messaging_product = "whatsapp",
            metadata = new { display_phone_number = "15551230001", phone_number_id = phoneNumberId },
            contacts = new[] { Contact(from, "Cliente", null) },
            messages = new[] { new Dictionary<string, object> { ["from"] = from, ["id"] = wamid, ["timestamp"] = Seconds(null), ["type"] = type, [type] = content } },
        });

    public static string Status(string phoneNumberId, string wamid, string status, Guid? ourMessageId = null, int? errorCode = null, string? errorTitle = null) =>
        Envelope(phoneNumberId, new
        {
            messaging_product = "whatsapp",
            metadata = new { display_phone_number = "15551230001", phone_number_id = phoneNumberId },
            statuses = new[]
            {
                new
                {
                    id = wamid,
                    status,
                    timestamp = Seconds(null),
                    recipient_id = "5511900000001",
                    biz_opaque_callback_data = ourMessageId is { } id ? $"inbox-msg:{id}" : null,
                    errors = errorCode is { } code ? new[] { new { code, title = errorTitle ?? "Error", message = errorTitle ?? "Error" } } : null,
                },
            },
        });

    private static object Contact(string waId, string name, string? userId) =>
        userId is null ? new { profile = new { name }, wa_id = waId } : new { profile = new { name }, wa_id = waId, user_id = userId };

    private static string Seconds(DateTimeOffset? at) => (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string Envelope(string phoneNumberId, object value) => JsonSerializer.Serialize(new
    {
        @object = "whatsapp_business_account",
        entry = new[] { new { id = "310987654321098", changes = new[] { new { field = "messages", value } } } },
    });
}
