using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Indicators;
using Omnichannel.Realtime;

namespace Omnichannel.Conversations;

/// <summary>
/// The agent has seen the conversation up to now: its customer messages are no longer unread for them,
/// and the customer learns it was seen where the channel shows that.
/// </summary>
public sealed record MarkConversationRead(Guid ConversationId) : ICommand;

public sealed class MarkConversationReadHandler(OmnichannelDb db, InboxAccess access, CustomerSignals signals, TimeProvider clock) : ICommandHandler<MarkConversationRead>
{
    public async ValueTask<Unit> Handle(MarkConversationRead command, CancellationToken cancellationToken)
    {
        var conversation = await access.ConversationAsync(command.ConversationId, cancellationToken);
        var now = clock.GetUtcNow();
        // One upsert: concurrent tabs of the same agent must not race on the marker row.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO conversation_reads (conversation_id, user_id, last_read_at) VALUES ({conversation.Id}, {access.Actor.UserId}, {now})
            ON CONFLICT (conversation_id, user_id) DO UPDATE SET last_read_at = GREATEST(conversation_reads.last_read_at, excluded.last_read_at)
            """,
            cancellationToken);
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
        await db.SaveChangesAsync(cancellationToken);
        await signals.SeenAsync(conversation, cancellationToken);
        return Unit.Value;
    }
}
