using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Agents;

/// <summary>
/// The people conversations can be assigned to, with the availability others see (offline when
/// they have no tab open), optionally only those who can work <see cref="InboxId"/>.
/// </summary>
public sealed record ListAgents(Guid? InboxId = null) : IQuery<IReadOnlyList<AgentView>>;

public sealed record AgentView(Guid Id, string Name, Role Role, Availability Availability, int OpenAssigned);

public sealed class ListAgentsHandler(OmnichannelDb db, InboxAccess access, AgentPresence presence) : IQueryHandler<ListAgents, IReadOnlyList<AgentView>>
{
    public async ValueTask<IReadOnlyList<AgentView>> Handle(ListAgents query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (query.InboxId is { } inboxId)
        {
            if (!await access.CanSeeInboxAsync(inboxId, cancellationToken))
            {
                throw new Common.ForbiddenException("You are not a member of this inbox.");
            }

            users = users.Where(u => u.Role != Role.Agent || db.InboxMembers.Any(m => m.InboxId == inboxId && m.UserId == u.Id));
        }

        var connected = presence.ConnectedUserIds();
        return await users.OrderBy(u => u.DisplayName)
            .Select(u => new AgentView(
                u.Id,
                u.DisplayName,
                u.Role,
                connected.Contains(u.Id) ? u.Availability : Availability.Offline,
                db.Conversations.Count(c => c.AssigneeId == u.Id && c.Status == Conversations.ConversationStatus.Open)))
            .ToListAsync(cancellationToken);
    }
}
