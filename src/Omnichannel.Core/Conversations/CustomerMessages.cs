using Microsoft.EntityFrameworkCore;
using Omnichannel.Attachments;
using Omnichannel.Contacts;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;
using Omnichannel.Routing;

namespace Omnichannel.Conversations;

/// <summary>A customer message as a channel adapter understood it.</summary>
public sealed record CustomerMessage(
    string ProviderMessageId,
    IReadOnlyList<IdentityKey> Sender,
    string? SenderName,
    string Text,
    DateTimeOffset SentAt,
    IReadOnlyList<IncomingAttachment>? Attachments = null);

/// <summary>
/// A file (to download later by its provider media id or from its source URL) or a card (location, contact) in a customer message.
/// Channel-neutral: every adapter describes its media this way.
/// </summary>
public sealed record IncomingAttachment(
    AttachmentKind Kind,
    string? ProviderMediaId = null,
    string? ContentType = null,
    string? FileName = null,
    string? Title = null,
    string? Details = null,
    double? Latitude = null,
    double? Longitude = null,
    string? SourceUrl = null);

/// <summary>
/// Records what customers send and what providers report back, for every channel. Callers save
/// inside a transaction (routing locks per inbox); the unique indexes make both operations
/// idempotent against redelivery.
/// </summary>
public sealed class CustomerMessages(OmnichannelDb db, ContactDirectory contacts, AutoAssignment routing, TimeProvider clock)
{
    /// <summary>Adds the message to the contact's active conversation (reopening or starting one). Null if it was already recorded.</summary>
    public async Task<Message?> ReceiveAsync(Inbox inbox, CustomerMessage incoming, CancellationToken cancellationToken)
    {
        var duplicate = await db.Messages.AnyAsync(m => m.InboxId == inbox.Id && m.ProviderMessageId == incoming.ProviderMessageId, cancellationToken);
        if (duplicate)
        {
            return null;
        }

        var contact = await contacts.FindOrCreateAsync(inbox.Channel, incoming.Sender, incoming.SenderName, cancellationToken);
        var conversation = await ActiveConversationAsync(inbox, contact, cancellationToken);
        var now = clock.GetUtcNow();
        var isNew = conversation is null;
        if (conversation is null)
        {
            conversation = Conversation.Start(inbox.Id, contact.Id, now);
            db.Conversations.Add(conversation);
        }

        // PostgreSQL text cannot hold NUL; a customer's stray control character must not block ingestion.
        var message = Message.Incoming(conversation, incoming.Text.Replace("\0", "", StringComparison.Ordinal), incoming.ProviderMessageId, incoming.SentAt, now);
        db.Messages.Add(message);
        var reopened = conversation.ReceiveCustomerMessage(message);
        AddAttachments(inbox, conversation, message, incoming.Attachments ?? [], now);
        if (reopened)
        {
            db.Messages.Add(Message.Activity(conversation, ActivityText.Reopened(), now));
            await routing.ReturnIfAssigneeAwayAsync(conversation, cancellationToken);
        }
        else if (isNew)
        {
            await routing.AssignAsync(conversation, cancellationToken);
        }

        db.Publish(new InboxEvent(InboxEventKind.MessageCreated, inbox.Id, conversation.Id, message.Id));
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, inbox.Id, conversation.Id));
        return message;
    }

    /// <summary>Files wait for the download worker (the webhook stays fast); cards are complete as they are.</summary>
    private void AddAttachments(Inbox inbox, Conversation conversation, Message message, IReadOnlyList<IncomingAttachment> attachments, DateTimeOffset now)
    {
        for (var i = 0; i < attachments.Count; i++)
        {
            // A microsecond apart, so the thread lists them in the order the customer sent them.
            var at = now.AddTicks(i * 10);
            var a = attachments[i];
            var attachment = a.ProviderMediaId is not null || a.SourceUrl is not null
                ? MessageAttachment.ToDownload(message.Id, inbox.Id, a.Kind, a.ProviderMediaId, a.SourceUrl, a.ContentType is null ? null : AttachmentTypes.Normalise(a.ContentType), a.FileName is null ? null : AttachmentTypes.SafeFileName(a.FileName, "file"), at)
                : MessageAttachment.Card(message.Id, inbox.Id, a.Kind, Clip(a.Title, 500), Clip(a.Details, 2000), a.Latitude, a.Longitude, at);
            db.MessageAttachments.Add(attachment);
        }

        if (attachments.Count > 0)
        {
            conversation.PreviewAttachment(message, AttachmentSymbols.Of(attachments[0].Kind));
        }
    }

    private static string? Clip(string? text, int length) => text is null ? null : (text.Length <= length ? text : text[..length]).Replace("\0", "", StringComparison.Ordinal);

    /// <summary>
    /// Records a message the business sent from outside this app (a provider echo with an id we do
    /// not know), in the customer's active conversation. An echo of our own pending send, which can
    /// arrive before the dispatcher has stored the provider's id, claims that message instead of
    /// duplicating it. Null when nothing was added.
    /// </summary>
    public async Task<Message?> RecordSentElsewhereAsync(Inbox inbox, IReadOnlyList<IdentityKey> recipient, string text, string providerMessageId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (await db.Messages.AnyAsync(m => m.InboxId == inbox.Id && m.ProviderMessageId == providerMessageId, cancellationToken))
        {
            return null;
        }

        var contact = await contacts.FindOrCreateAsync(inbox.Channel, recipient, null, cancellationToken);
        var conversation = await ActiveConversationAsync(inbox, contact, cancellationToken);
        var now = clock.GetUtcNow();
        if (conversation is not null)
        {
            var ours = await db.Messages
                .Where(m => m.ConversationId == conversation.Id && m.Direction == MessageDirection.Outgoing && m.Kind == MessageKind.Message
                    && m.AuthorId != null && m.ProviderMessageId == null && m.Status == DeliveryStatus.Pending && m.Text == text)
                .OrderBy(m => m.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (ours is not null)
            {
                ours.ProviderMessageId = providerMessageId;
                return null;
            }
        }
        else
        {
            conversation = Conversation.Start(inbox.Id, contact.Id, now);
            db.Conversations.Add(conversation);
        }

        var message = Message.SentElsewhere(conversation, text.Replace("\0", "", StringComparison.Ordinal), providerMessageId, sentAt, now);
        db.Messages.Add(message);
        conversation.AddAgentMessage(message);
        db.Publish(new InboxEvent(InboxEventKind.MessageCreated, inbox.Id, conversation.Id, message.Id));
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, inbox.Id, conversation.Id));
        return message;
    }

    private Task<Conversation?> ActiveConversationAsync(Inbox inbox, Contact contact, CancellationToken cancellationToken) =>
        db.Conversations
            .Where(c => c.InboxId == inbox.Id && c.ContactId == contact.Id && c.MergedIntoId == null)
            .OrderByDescending(c => c.Status != ConversationStatus.Resolved)
            .ThenByDescending(c => c.LastActivityAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Applies a provider's delivery receipt. The message is found by our own id when the provider
    /// echoes it back (it may report before we stored its id), else by the provider's id.
    /// </summary>
    public async Task<bool> ApplyStatusAsync(
        Inbox inbox, Guid? ourMessageId, string providerMessageId, DeliveryStatus status, string? error, CancellationToken cancellationToken, string? errorCode = null)
    {
        var message = ourMessageId is { } id
            ? await db.Messages.FirstOrDefaultAsync(m => m.Id == id && m.InboxId == inbox.Id, cancellationToken)
            : null;
        message ??= await db.Messages.FirstOrDefaultAsync(m => m.InboxId == inbox.Id && m.ProviderMessageId == providerMessageId, cancellationToken);
        if (message is null || !message.ApplyDeliveryStatus(status, error, errorCode))
        {
            return false;
        }

        db.Publish(new InboxEvent(InboxEventKind.MessageUpdated, inbox.Id, message.ConversationId, message.Id));
        return true;
    }
}
