using Omnichannel.Realtime;

namespace Omnichannel.Web.Components.Live;

/// <summary>Which screens an event concerns, so presence pings and notifications do not reload lists.</summary>
public static class InboxEventKinds
{
    /// <summary>Conversations were created, changed or may have been missed: lists and counters re-read.</summary>
    public static bool ChangesConversations(this InboxEvent inboxEvent) =>
        inboxEvent.Kind is InboxEventKind.MessageCreated or InboxEventKind.ConversationUpdated or InboxEventKind.Resync;

    /// <summary>Something an open conversation shows (its header or thread) changed, or may have.</summary>
    public static bool ChangesConversation(this InboxEvent inboxEvent, Guid conversationId) =>
        inboxEvent.Kind == InboxEventKind.Resync
        || (inboxEvent.ConversationId == conversationId
            && inboxEvent.Kind is InboxEventKind.MessageCreated or InboxEventKind.MessageUpdated or InboxEventKind.ConversationUpdated);
}
