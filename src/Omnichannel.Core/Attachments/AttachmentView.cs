using Microsoft.EntityFrameworkCore;
using Omnichannel.Conversations;
using Omnichannel.Data;

namespace Omnichannel.Attachments;

/// <summary>An attachment as readers see it; file bytes are fetched separately (authorised by inbox).</summary>
public sealed record AttachmentView(
    Guid Id,
    AttachmentKind Kind,
    string? ContentType,
    string? FileName,
    long? Size,
    AttachmentStatus? Status,
    string? Error,
    string? Title,
    string? Details,
    double? Latitude,
    double? Longitude);

public static class AttachmentViews
{
    /// <summary>One query for the whole page of messages (no N+1).</summary>
    public static async Task<List<MessageView>> AddToAsync(OmnichannelDb db, List<MessageView> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Select(m => m.Id).ToList();
        var attachments = await db.MessageAttachments.AsNoTracking()
            .Where(a => ids.Contains(a.MessageId))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new { a.MessageId, View = new AttachmentView(a.Id, a.Kind, a.ContentType, a.FileName, a.Size, a.Status, a.Error, a.Title, a.Details, a.Latitude, a.Longitude) })
            .ToListAsync(cancellationToken);
        if (attachments.Count == 0)
        {
            return messages;
        }

        var byMessage = attachments.GroupBy(a => a.MessageId).ToDictionary(g => g.Key, g => (IReadOnlyList<AttachmentView>)g.Select(a => a.View).ToList());
        return messages.Select(m => byMessage.TryGetValue(m.Id, out var list) ? m with { Attachments = list } : m).ToList();
    }
}
