using Mediator;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;

namespace Omnichannel.Conversations;

/// <summary>An agent opened the conversation: its customer messages are no longer unread.</summary>
public sealed record MarkConversationRead(Guid ConversationId) : ICommand;

public sealed class MarkConversationReadHandler(OmnichannelDb db, InboxAccess access) : ICommandHandler<MarkConversationRead>
{
    public async ValueTask<Unit> Handle(MarkConversationRead command, CancellationToken cancellationToken)
    {
        var conversation = await access.ConversationAsync(command.ConversationId, cancellationToken);
        if (conversation.UnreadCount > 0)
        {
            conversation.MarkRead();
            db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
