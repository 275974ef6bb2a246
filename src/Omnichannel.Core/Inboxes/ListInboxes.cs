using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Data;

namespace Omnichannel.Inboxes;

/// <summary>The inboxes the actor can see, with their public settings only (secrets are write-only).</summary>
public sealed record ListInboxes : IQuery<IReadOnlyList<InboxView>>;

public sealed record InboxView(
    Guid Id, string Name, ChannelType Channel, JsonElement Settings, IReadOnlyList<Guid> MemberIds, bool AutoAssignment, int? MaxOpenPerAgent, bool OnlyAssigneeReplies);

public sealed class ListInboxesHandler(OmnichannelDb db, InboxAccess access) : IQueryHandler<ListInboxes, IReadOnlyList<InboxView>>
{
    public async ValueTask<IReadOnlyList<InboxView>> Handle(ListInboxes query, CancellationToken cancellationToken)
    {
        var inboxes = db.Inboxes.AsNoTracking();
        if (await access.VisibleInboxIdsAsync(cancellationToken) is { } visible)
        {
            inboxes = inboxes.Where(i => visible.Contains(i.Id));
        }

        var rows = await inboxes.OrderBy(i => i.Name)
            .Select(i => new { i.Id, i.Name, i.Channel, i.Settings, Members = i.Members.Select(m => m.UserId).ToList(), i.AutoAssignment, i.MaxOpenPerAgent, i.OnlyAssigneeReplies })
            .ToListAsync(cancellationToken);
        return rows.Select(i => new InboxView(i.Id, i.Name, i.Channel, JsonSerializer.Deserialize<JsonElement>(i.Settings), i.Members, i.AutoAssignment, i.MaxOpenPerAgent, i.OnlyAssigneeReplies)).ToList();
    }
}
