using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;

namespace Omnichannel.Inboxes;

/// <summary>
/// Changes an inbox's name and how its conversations are worked (admin only). Null leaves a field as
/// is; <paramref name="ChangeMaxOpen"/> with a null <paramref name="MaxOpenPerAgent"/> removes the limit.
/// <paramref name="Settings"/> changes channel settings (see <see cref="ChannelSettingsEdit"/>): only
/// the fields given, a blank secret keeps the stored one.
/// </summary>
public sealed record UpdateInbox(
    Guid InboxId,
    string? Name = null,
    bool? AutoAssignment = null,
    bool ChangeMaxOpen = false,
    int? MaxOpenPerAgent = null,
    bool? OnlyAssigneeReplies = null,
    JsonElement? Settings = null) : ICommand;

public sealed class UpdateInboxValidator : AbstractValidator<UpdateInbox>
{
    public UpdateInboxValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).When(c => c.Name is not null);
        RuleFor(c => c.MaxOpenPerAgent).InclusiveBetween(1, 1000).When(c => c.MaxOpenPerAgent is not null);
        RuleFor(c => c.Settings!.Value.ValueKind).Equal(JsonValueKind.Object).OverridePropertyName("settings")
            .WithMessage("'Settings' must be an object.").When(c => c.Settings is not null);
    }
}

public sealed class UpdateInboxHandler(OmnichannelDb db, InboxAccess access, InboxSecrets secrets, IEnumerable<IChannelDefinition> channels)
    : ICommandHandler<UpdateInbox>
{
    public async ValueTask<Unit> Handle(UpdateInbox command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var inbox = await db.Inboxes.FirstOrDefaultAsync(i => i.Id == command.InboxId, cancellationToken) ?? throw new NotFoundException("Inbox");
        inbox.Name = command.Name?.Trim() ?? inbox.Name;
        inbox.AutoAssignment = command.AutoAssignment ?? inbox.AutoAssignment;
        inbox.OnlyAssigneeReplies = command.OnlyAssigneeReplies ?? inbox.OnlyAssigneeReplies;
        if (command.ChangeMaxOpen)
        {
            inbox.MaxOpenPerAgent = command.MaxOpenPerAgent;
        }

        if (command.Settings is { } submitted)
        {
            var settings = ChannelSettingsEdit.Apply(inbox, channels.Single(c => c.Channel == inbox.Channel), secrets, submitted);
            if (settings.Errors.Count > 0)
            {
                throw new ValidationException(settings.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Key, e.Value)));
            }

            if (settings.RoutingKey != inbox.RoutingKey
                && await db.Inboxes.AnyAsync(i => i.Channel == inbox.Channel && i.RoutingKey == settings.RoutingKey && i.Id != inbox.Id, cancellationToken))
            {
                throw new ConflictException("Another inbox is already connected to this account.");
            }

            inbox.RoutingKey = settings.RoutingKey;
            inbox.Settings = settings.PublicJson;
            inbox.EncryptedSecrets = secrets.Protect(settings.SecretsJson);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
