namespace Omnichannel.WebChat;

/// <summary>
/// A browser that opened a web-chat widget. The visitor proves who they are with an opaque token
/// kept in the browser's localStorage; only its SHA-256 is stored, so a database leak reveals no
/// usable token. The contact exists once the visitor writes (or once the site verified their identity).
/// </summary>
public sealed class WebChatVisitor
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid InboxId { get; init; }

    /// <summary>Lower-case hex SHA-256 of the visitor token.</summary>
    public required string TokenHash { get; init; }

    /// <summary>
    /// The contact identity this visitor writes as: <c>visitor:{id}</c> for anonymous visitors, or
    /// <c>{inboxId:N}:{identifier}</c> once the site verified who they are (the same contact on every device).
    /// </summary>
    public required string Identity { get; set; }

    public Guid? ContactId { get; set; }

    /// <summary>What the pre-chat form asked for; copied to the contact when it is created.</summary>
    public string? Name { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }

    private const string AnonymousPrefix = "visitor:";

    public static string AnonymousIdentity(Guid visitorId) => $"{AnonymousPrefix}{visitorId:N}";

    public static string VerifiedIdentity(Guid inboxId, string identifier) => $"{inboxId:N}:{identifier}";

    public static bool IsAnonymous(string identity) => identity.StartsWith(AnonymousPrefix, StringComparison.Ordinal);

    /// <summary>The identifier the site signed (what its people know the customer by); null for an anonymous visitor.</summary>
    public static string? SiteIdentifier(string identity) => IsAnonymous(identity) ? null : identity[(identity.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
