using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Agents;
using Omnichannel.Common;
using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;
using Omnichannel.WebChat;

namespace Omnichannel.Channels.WebChat;

/// <summary>What a widget asks for when it loads: resume this token, or verify this identity, or start afresh.</summary>
public sealed record StartVisitorSession(string? VisitorToken, string? Identifier, string? IdentifierHash, string? Name, string? Email);

/// <summary>A visitor proven by their token, with their inbox.</summary>
public sealed record AuthenticatedVisitor(WebChatVisitor Visitor, WebChatInbox Inbox);

/// <summary>A message as the visitor sees it: never notes, activity or agent-side details.</summary>
public sealed record VisitorMessage(Guid Id, string From, string Text, DateTimeOffset CreatedAt, string? AgentName);

/// <summary>
/// The visitor side of web chat. Everything a visitor can reach is derived from their token, never
/// from ids they send: a visitor sees exactly the conversations of the contact their token is linked to.
/// </summary>
public sealed class WebChatVisitors(OmnichannelDb db, InboxSecrets secrets, CustomerMessages customerMessages, AgentPresence presence, ConversationWatchers watchers, TimeProvider clock)
{
    public const int MaxMessageLength = 4000;
    public const int MaxIdentifierLength = 200;
    private const int HistoryLimit = 200;

    public async Task<WebChatInbox> FindInboxAsync(string? publicToken, CancellationToken cancellationToken)
    {
        var inbox = publicToken is { Length: > 0 and <= 200 }
            ? await db.Inboxes.AsNoTracking().FirstOrDefaultAsync(i => i.Channel == ChannelType.WebChat && i.RoutingKey == publicToken, cancellationToken)
            : null;
        return inbox is null ? throw new NotFoundException("Web chat inbox") : WebChatInbox.From(inbox, secrets);
    }

    /// <summary>Resumes or starts a visitor session; returns the visitor and the token to keep (a new one only when a new visitor began).</summary>
    public async Task<(AuthenticatedVisitor Visitor, string Token)> StartAsync(WebChatInbox inbox, StartVisitorSession request, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationFailure>();
        var name = request.Name?.Trim();
        var email = request.Email?.Trim();
        if (name is { Length: > ContactDirectory.MaxNameLength })
        {
            errors.Add(new("name", $"'Name' must be {ContactDirectory.MaxNameLength} characters or fewer."));
        }

        if (email is { Length: > 0 } && (email.Length > 320 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors.Add(new("email", "'Email' is not a valid e-mail address."));
        }

        if (request.Identifier is { } identifier && (identifier.Length is 0 or > MaxIdentifierLength))
        {
            errors.Add(new("identifier", $"'Identifier' must have 1 to {MaxIdentifierLength} characters."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        // Verified before anything is stored: a forged identity leaves no trace.
        string? verifiedIdentity = null;
        if (request.Identifier is { } claimed)
        {
            if (!IdentityHash.Matches(inbox.Secrets.IdentitySecret, claimed, request.IdentifierHash))
            {
                throw new UnauthorizedException("The identifier hash does not match (HMAC-SHA256 of the identifier with the inbox's identity secret, hex).");
            }

            verifiedIdentity = WebChatVisitor.VerifiedIdentity(inbox.Inbox.Id, claimed);
        }

        var now = clock.GetUtcNow();
        var visitor = request.VisitorToken is { Length: > 0 } token ? await FindVisitorAsync(token, cancellationToken) : null;
        if (visitor is not null && visitor.InboxId != inbox.Inbox.Id)
        {
            visitor = null;
        }

        if (visitor is not null)
        {
            db.Attach(visitor);
        }

        string? newToken = null;
        if (visitor is null || (verifiedIdentity is not null && visitor.Identity != verifiedIdentity && visitor.ContactId is not null))
        {
            // A new browser, or another signed-in user of the site on this browser: a fresh visitor.
            newToken = NewToken();
            visitor = new WebChatVisitor { InboxId = inbox.Inbox.Id, TokenHash = Hash(newToken), Identity = "", CreatedAt = now };
            visitor.Identity = WebChatVisitor.AnonymousIdentity(visitor.Id);
            db.WebChatVisitors.Add(visitor);
        }

        visitor.LastSeenAt = now;
        visitor.Name = name is { Length: > 0 } ? name : visitor.Name;
        visitor.Email = email is { Length: > 0 } ? email : visitor.Email;
        if (verifiedIdentity is not null)
        {
            visitor.Identity = verifiedIdentity;
            var contact = await db.ContactIdentities.Where(i => i.Channel == ChannelType.WebChat && i.ExternalId == verifiedIdentity).Select(i => (Guid?)i.ContactId).FirstOrDefaultAsync(cancellationToken);
            visitor.ContactId = contact;
        }

        await db.SaveChangesAsync(cancellationToken);
        return (new AuthenticatedVisitor(visitor, inbox), newToken ?? request.VisitorToken!);
    }

    /// <summary>The visitor behind a token, or 401.</summary>
    public async Task<AuthenticatedVisitor> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        var visitor = token is { Length: > 0 and <= 200 } ? await FindVisitorAsync(token, cancellationToken) : null;
        if (visitor is null)
        {
            throw new UnauthorizedException("Unknown or expired visitor token.");
        }

        var inbox = await db.Inboxes.AsNoTracking().SingleAsync(i => i.Id == visitor.InboxId, cancellationToken);
        return new AuthenticatedVisitor(visitor, WebChatInbox.From(inbox, secrets));
    }

    /// <summary>Records a visitor's message (idempotent by the widget's client message id) before answering.</summary>
    public async Task<VisitorMessage> SendAsync(AuthenticatedVisitor session, string? clientMessageId, string? text, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationFailure>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("text", "'Text' must not be blank."));
        }
        else if (text.Length > MaxMessageLength)
        {
            errors.Add(new("text", $"'Text' must be {MaxMessageLength} characters or fewer (it has {text.Length})."));
        }

        if (clientMessageId is { Length: > 100 })
        {
            errors.Add(new("clientMessageId", "'Client Message Id' must be 100 characters or fewer."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var visitor = session.Visitor;
        var providerId = $"wc:{visitor.Id:N}:{clientMessageId ?? Guid.NewGuid().ToString("N")}";
        var inbox = session.Inbox.Inbox;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var name = visitor.Name ?? (session.Inbox.Settings.Language == "pt-BR" ? "Visitante" : "Visitor");
            var message = await customerMessages.ReceiveAsync(
                inbox, new CustomerMessage(providerId, [new IdentityKey(visitor.Identity, visitor.Identity)], name, text!.Trim(), clock.GetUtcNow()), cancellationToken);
            if (message is not null)
            {
                var conversation = await db.Conversations.FindAsync([message.ConversationId], cancellationToken);
                var contact = await db.Contacts.FindAsync([conversation!.ContactId], cancellationToken);
                if (contact!.Email is null && visitor.Email is not null)
                {
                    contact.Email = visitor.Email;
                }

                db.Attach(visitor);
                visitor.ContactId = contact.Id;
                visitor.LastSeenAt = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new VisitorMessage(message.Id, "visitor", message.Text, message.CreatedAt, null);
            }
        }

        // Sent twice (a retry after a lost answer): the first copy is the answer.
        var existing = await db.Messages.AsNoTracking().SingleAsync(m => m.InboxId == inbox.Id && m.ProviderMessageId == providerId, cancellationToken);
        return new VisitorMessage(existing.Id, "visitor", existing.Text, existing.CreatedAt, null);
    }

    /// <summary>
    /// The visitor's conversation history: their messages and agents' replies once sent (never notes or
    /// activity). Replies the widget receives here count as delivered.
    /// </summary>
    public async Task<IReadOnlyList<VisitorMessage>> HistoryAsync(AuthenticatedVisitor session, bool seen, CancellationToken cancellationToken)
    {
        if (await ContactOfAsync(session.Visitor, cancellationToken) is not { } contactId)
        {
            return [];
        }

        var inboxId = session.Inbox.Inbox.Id;
        var visible = new DeliveryStatus?[] { DeliveryStatus.Sent, DeliveryStatus.Delivered, DeliveryStatus.Read };
        var messages = await db.Messages
            .Where(m => m.InboxId == inboxId && m.Kind == MessageKind.Message
                && db.Conversations.Any(c => c.Id == m.ConversationId && c.ContactId == contactId)
                && (m.Direction == MessageDirection.Incoming || visible.Contains(m.Status)))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(HistoryLimit)
            .ToListAsync(cancellationToken);

        var authorIds = messages.Where(m => m.AuthorId is not null).Select(m => m.AuthorId!.Value).Distinct().ToList();
        var authors = await db.Users.Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        foreach (var reply in messages.Where(m => m.Direction == MessageDirection.Outgoing))
        {
            if (reply.ApplyDeliveryStatus(seen ? DeliveryStatus.Read : DeliveryStatus.Delivered))
            {
                db.Publish(new InboxEvent(InboxEventKind.MessageUpdated, inboxId, reply.ConversationId, reply.Id));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The dispatcher touched a reply meanwhile; the next read records the receipt.
        }

        return [.. messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => new VisitorMessage(
            m.Id,
            m.Direction == MessageDirection.Incoming ? "visitor" : "agent",
            m.Text,
            m.CreatedAt,
            m.AuthorId is { } author && authors.TryGetValue(author, out var agentName) ? FirstName(agentName) : null))];
    }

    /// <summary>Shows the agents of the conversation that the visitor is typing (or stopped).</summary>
    public async Task ReportTypingAsync(AuthenticatedVisitor session, bool typing, CancellationToken cancellationToken)
    {
        if (await ContactOfAsync(session.Visitor, cancellationToken) is not { } contactId)
        {
            return;
        }

        var conversation = await db.Conversations.AsNoTracking()
            .Where(c => c.InboxId == session.Inbox.Inbox.Id && c.ContactId == contactId && c.MergedIntoId == null)
            .OrderByDescending(c => c.LastActivityAt)
            .Select(c => new { c.Id, ContactName = db.Contacts.Where(k => k.Id == c.ContactId).Select(k => k.Name).First() })
            .FirstOrDefaultAsync(cancellationToken);
        if (conversation is not null)
        {
            await watchers.ReportAsync(session.Inbox.Inbox.Id, conversation.Id, contactId, conversation.ContactName, typing ? WatchActivity.Typing : WatchActivity.Left, cancellationToken);
        }
    }

    /// <summary>Whether a member of the inbox is online now (else the widget asks for contact details).</summary>
    public Task<bool> AgentsOnlineAsync(Guid inboxId, CancellationToken cancellationToken) =>
        presence.RoutableUserIds().AnyAsync(id => db.InboxMembers.Any(m => m.InboxId == inboxId && m.UserId == id), cancellationToken);

    /// <summary>The visitor's contact, following merges (the surviving contact keeps the history).</summary>
    public async Task<Guid?> ContactOfAsync(WebChatVisitor visitor, CancellationToken cancellationToken)
    {
        var contactId = visitor.ContactId;
        for (var hops = 0; contactId is { } id && hops < 10; hops++)
        {
            var mergedInto = await db.Contacts.Where(c => c.Id == id).Select(c => c.MergedIntoId).FirstOrDefaultAsync(cancellationToken);
            if (mergedInto is null)
            {
                return id;
            }

            contactId = mergedInto;
        }

        return contactId;
    }

    private Task<WebChatVisitor?> FindVisitorAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        return db.WebChatVisitors.AsNoTracking().FirstOrDefaultAsync(v => v.TokenHash == hash, cancellationToken);
    }

    private static string NewToken() => "wcv_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string FirstName(string name) => name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : name;
}

/// <summary>Identity verification: the site proves a visitor's identifier with HMAC-SHA256(identifier, inbox secret) in hex.</summary>
public static class IdentityHash
{
    public static string Compute(string secret, string identifier) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(identifier)));

    public static bool Matches(string secret, string identifier, string? hash) =>
        hash is { Length: 64 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, identifier)), Encoding.ASCII.GetBytes(hash.ToLowerInvariant()));
}
