using Omnichannel.Contacts;
using Omnichannel.Conversations;

namespace Omnichannel.Channels.Instagram;

public enum IgEventKind
{
    Message,
    Echo,
    Deleted,
    Reaction,
    Read,
    Postback,
    Other,
}

/// <summary>One event of a delivery, routed: the business account it is for, the customer (IGSID) it is with, and its dedup key.</summary>
public sealed record IgItem(string AccountId, string CustomerId, IgEventKind Kind, string Key, IgMessaging Event);

/// <summary>Reads the items of an Instagram webhook payload: where each goes, its dedup key, and what it means for our domain.</summary>
public static class InstagramEvents
{
    /// <summary>Parses a webhook body; throws <see cref="System.Text.Json.JsonException"/> when it is not JSON.</summary>
    public static IgWebhookPayload? Parse(string body) => InstagramJson.Parse(body);

    /// <summary>
    /// Every event the payload carries that names both parties. The account is <c>entry.id</c> (the
    /// business's Instagram account), else the business party of the event: the recipient, or the
    /// sender of an echo.
    /// </summary>
    public static IEnumerable<IgItem> Items(IgWebhookPayload payload)
    {
        foreach (var entry in payload.Entry ?? [])
        {
            foreach (var e in entry.Messaging ?? [])
            {
                var echo = e.Message?.IsEcho == true;
                var account = entry.Id ?? (echo ? e.Sender?.Id : e.Recipient?.Id);
                var customer = echo ? e.Recipient?.Id : e.Sender?.Id;
                if (string.IsNullOrEmpty(account) || string.IsNullOrEmpty(customer) || Classify(e) is not { } classified)
                {
                    continue;
                }

                yield return new IgItem(account, customer, classified.Kind, classified.Key, e);
            }
        }
    }

    /// <summary>
    /// The same delivery twice has the same key. An unsend carries the original <c>mid</c>, and a
    /// customer can react and unreact many times, so those keys say what happened (and when).
    /// </summary>
    private static (IgEventKind Kind, string Key)? Classify(IgMessaging e)
    {
        if (e.Message is { Mid: { Length: > 0 } mid } message)
        {
            return message.IsDeleted == true ? (IgEventKind.Deleted, $"deleted:{mid}")
                : message.IsEcho == true ? (IgEventKind.Echo, MessageKey(mid))
                : (IgEventKind.Message, MessageKey(mid));
        }

        if (e.Reaction is { Mid: { Length: > 0 } reacted } reaction)
        {
            return (IgEventKind.Reaction, $"reaction:{reacted}:{reaction.Action}:{reaction.Emoji}:{e.Timestamp}");
        }

        if (e.Read is { } read && (read.Mid is { Length: > 0 } || read.Watermark is not null))
        {
            return (IgEventKind.Read, $"read:{read.Mid ?? read.Watermark?.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (e.Postback is { } postback)
        {
            return (IgEventKind.Postback, MessageKey(postback.Mid ?? $"postback:{e.Sender?.Id}:{e.Timestamp}"));
        }

        // Referrals, edits, handover... are kept (and logged when applied) rather than dropped unseen.
        return e.Timestamp is { } at ? (IgEventKind.Other, $"other:{e.Sender?.Id}:{at}") : null;
    }

    public static string MessageKey(string mid) => $"message:{mid}";

    public static IReadOnlyList<IdentityKey> Identity(string igsid) => [new IdentityKey(igsid, igsid)];

    public static DateTimeOffset Time(long? milliseconds) =>
        milliseconds is > 0 and < 253402300799000 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value) : DateTimeOffset.UtcNow;

    public static CustomerMessage ToCustomerMessage(IgItem item, string? senderName)
    {
        var message = item.Event.Message;
        var text = item.Kind == IgEventKind.Postback ? DescribePostback(item.Event.Postback!) : Describe(message!, storesMedia: true);
        var id = message?.Mid ?? item.Key["message:".Length..];
        return new CustomerMessage(id, Identity(item.CustomerId), senderName, text, Time(item.Event.Timestamp), message is null ? null : Attachments(message));
    }

    /// <summary>The story replied to first, then the attachments, as the customer sees them.</summary>
    public static IReadOnlyList<IncomingAttachment> Attachments(IgMessage message) =>
        new[] { message.ReplyTo?.Story is { } story ? InstagramAttachments.ToStore(story) : null }
            .Concat((message.Attachments ?? []).Select(InstagramAttachments.ToStore))
            .OfType<IncomingAttachment>()
            .ToList();

    /// <summary>
    /// Text for the thread: what was written, plus a readable line per story reply and attachment.
    /// With <paramref name="storesMedia"/> the media are stored, so their expiring URLs are left out
    /// (echoes store nothing and keep them). Nothing becomes an empty bubble.
    /// </summary>
    public static string Describe(IgMessage message, bool storesMedia = false)
    {
        if (message.IsUnsupported == true)
        {
            return "[unsupported message: open Instagram to see it]";
        }

        var lines = new List<string>();
        if (message.ReplyTo?.Story is { } story)
        {
            var stored = storesMedia && InstagramAttachments.ToStore(story) is not null;
            lines.Add(string.IsNullOrEmpty(story.Url) || stored ? "[replied to your story]" : $"[replied to your story] {story.Url}");
        }

        lines.AddRange((message.Attachments ?? []).Select(a => InstagramAttachments.Describe(a, storesMedia)).OfType<string>());
        if (!string.IsNullOrEmpty(message.Text))
        {
            lines.Add(message.Text);
        }

        var hasFiles = storesMedia && Attachments(message).Count > 0;
        return lines.Count > 0 ? string.Join("\n", lines) : hasFiles ? "" : "[empty message]";
    }

    private static string DescribePostback(IgPostback postback) =>
        string.IsNullOrEmpty(postback.Title) ? "[button]" : $"[button] {postback.Title}";
}
