using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Attachments;

/// <summary>A stored file, for someone who may read its conversation (agents: members of its inbox).</summary>
public sealed record GetAttachmentContent(Guid AttachmentId) : IQuery<AttachmentContent>;

/// <summary>The caller disposes <see cref="Content"/>.</summary>
public sealed record AttachmentContent(string ContentType, string FileName, long? Size, Stream Content);

public sealed class GetAttachmentContentHandler(OmnichannelDb db, InboxAccess access, IAttachmentStore store) : IQueryHandler<GetAttachmentContent, AttachmentContent>
{
    public async ValueTask<AttachmentContent> Handle(GetAttachmentContent query, CancellationToken cancellationToken)
    {
        var attachment = await db.MessageAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.AttachmentId, cancellationToken);
        // Someone else's attachment answers exactly like a missing one.
        if (attachment is null || !await access.CanSeeInboxAsync(attachment.InboxId, cancellationToken))
        {
            throw new NotFoundException("Attachment");
        }

        if (attachment.Status != AttachmentStatus.Stored || attachment.StorageKey is null)
        {
            throw new ConflictException(attachment.Status == AttachmentStatus.Failed
                ? $"The file could not be downloaded from the provider: {attachment.Error}"
                : "The file has not been downloaded yet; try again shortly.");
        }

        var content = await store.OpenAsync(attachment.StorageKey, cancellationToken) ?? throw new NotFoundException("Attachment file");
        var contentType = attachment.ContentType is { } type && !AttachmentTypes.IsDangerous(type) ? type : "application/octet-stream";
        return new AttachmentContent(contentType, attachment.FileName ?? DefaultName(attachment), attachment.Size, content);
    }

    private static string DefaultName(MessageAttachment attachment) =>
        $"{attachment.Kind.ToString().ToLowerInvariant()}-{attachment.Id:N}";
}

/// <summary>An agent asks to download a failed file again (e.g. after fixing the inbox's token).</summary>
public sealed record RetryAttachmentDownload(Guid AttachmentId) : ICommand<Unit>;

public sealed class RetryAttachmentDownloadHandler(OmnichannelDb db, InboxAccess access, TimeProvider clock) : ICommandHandler<RetryAttachmentDownload, Unit>
{
    public async ValueTask<Unit> Handle(RetryAttachmentDownload command, CancellationToken cancellationToken)
    {
        var attachment = await db.MessageAttachments.FirstOrDefaultAsync(a => a.Id == command.AttachmentId, cancellationToken);
        if (attachment is null || !await access.CanSeeInboxAsync(attachment.InboxId, cancellationToken))
        {
            throw new NotFoundException("Attachment");
        }

        if (!attachment.RetryDownload(clock.GetUtcNow()))
        {
            throw new ConflictException("Only a failed download can be retried.");
        }

        var conversationId = await db.Messages.Where(m => m.Id == attachment.MessageId).Select(m => m.ConversationId).SingleAsync(cancellationToken);
        db.Publish(new Realtime.InboxEvent(Realtime.InboxEventKind.MessageUpdated, attachment.InboxId, conversationId, attachment.MessageId));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
