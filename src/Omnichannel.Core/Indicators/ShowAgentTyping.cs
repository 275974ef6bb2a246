using Mediator;

namespace Omnichannel.Indicators;

/// <summary>An agent is writing a reply (or stopped): the customer sees "typing…" where the channel shows it.</summary>
public sealed record ShowAgentTyping(Guid ConversationId, bool Typing) : ICommand;

public sealed class ShowAgentTypingHandler(Inboxes.InboxAccess access, CustomerSignals signals) : ICommandHandler<ShowAgentTyping>
{
    public async ValueTask<Unit> Handle(ShowAgentTyping command, CancellationToken cancellationToken)
    {
        var conversation = await access.ConversationAsync(command.ConversationId, cancellationToken);
        await signals.TypingAsync(conversation, command.Typing, cancellationToken);
        return Unit.Value;
    }
}
