using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Conversations;

/// <summary>What an agent may send in a conversation now (the composer asks before showing the free-text box).</summary>
public sealed record GetReplyWindow(Guid ConversationId) : IQuery<ReplyWindowView>;

/// <param name="EndsAt">When free-form replies stop (future) or stopped (past); null when the channel has no window.</param>
/// <param name="HumanAgentTagEndsAt">When tagged replies stop (Instagram); null on channels without that period.</param>
/// <param name="SendsFiles">Whether a reply may carry a file (the composer hides its file button otherwise).</param>
public sealed record ReplyWindowView(
    ChannelType Channel,
    ReplyAllowance Allowance,
    DateTimeOffset? EndsAt,
    DateTimeOffset? LastCustomerMessageAt,
    DateTimeOffset Now,
    DateTimeOffset? HumanAgentTagEndsAt = null,
    bool SendsFiles = false);

public sealed class GetReplyWindowHandler(OmnichannelDb db, InboxAccess access, IEnumerable<IChannelSender> senders, TimeProvider clock)
    : IQueryHandler<GetReplyWindow, ReplyWindowView>
{
    public async ValueTask<ReplyWindowView> Handle(GetReplyWindow query, CancellationToken cancellationToken)
    {
        var conversation = await access.ConversationAsync(query.ConversationId, cancellationToken);
        var channel = await db.Inboxes.Where(i => i.Id == conversation.InboxId).Select(i => i.Channel).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var window = ReplyWindow.For(channel, conversation.LastIncomingAt, now);
        return new ReplyWindowView(
            channel, window.Allowance, window.EndsAt, conversation.LastIncomingAt, now,
            ReplyWindow.HumanAgentTagEndsAt(channel, conversation.LastIncomingAt), senders.SendFiles(channel));
    }
}
