namespace Omnichannel.Conversations;

public enum ConversationStatus
{
    Open,
    Pending,
    Snoozed,
    Resolved,
}

/// <summary>How urgent a conversation is; None unless someone sets it.</summary>
public enum Priority
{
    None,
    Low,
    Medium,
    High,
    Urgent,
}

public enum MessageDirection
{
    Incoming,
    Outgoing,
}

/// <summary>A message to/from the customer, a private note between agents, or an activity line ("Ana resolved").</summary>
public enum MessageKind
{
    Message,
    Note,
    Activity,
}

/// <summary>Where an outgoing message is on its way to the customer. Ordered: never moves backwards except to Failed.</summary>
public enum DeliveryStatus
{
    Pending,
    Sent,
    Delivered,
    Read,
    Failed,
}
