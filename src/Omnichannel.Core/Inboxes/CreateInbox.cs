using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;

namespace Omnichannel.Inboxes;

public sealed record CreateInbox(string Name, string Channel, JsonElement Settings) : ICommand<CreatedInbox>;

/// <summary>
/// WebhookPath is relative; the web host turns it into the absolute URL to give the provider.
/// GeneratedSecrets (setting name → value) is the only time secrets the server made up are returned.
/// </summary>
public sealed record CreatedInbox(Guid Id, string WebhookPath, IReadOnlyDictionary<string, string> GeneratedSecrets);

public sealed class CreateInboxValidator : AbstractValidator<CreateInbox>
{
    public CreateInboxValidator(IEnumerable<IChannelDefinition> channels)
    {
        var definitions = channels.ToList();
        var known = definitions.Select(c => c.Channel.ToString().ToLowerInvariant()).ToList();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Channel).Must(c => known.Contains(c?.ToLowerInvariant() ?? ""))
            .WithMessage($"'Channel' must be one of: {string.Join(", ", known)}.");
        RuleFor(c => c.Settings.ValueKind).Equal(JsonValueKind.Object).OverridePropertyName("settings")
            .WithMessage("'Settings' must be an object.");

        // The channel's own checks, in the same answer: a form learns about every field at once.
        RuleFor(c => c).Custom((command, context) =>
        {
            var channel = definitions.FirstOrDefault(d => d.Channel.ToString().Equals(command.Channel, StringComparison.OrdinalIgnoreCase));
            if (channel is null || command.Settings.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var (field, message) in channel.ReadSettings(command.Settings).Errors)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(field, message));
            }
        });
    }
}

public sealed class CreateInboxHandler(OmnichannelDb db, InboxAccess access, InboxSecrets secrets, IEnumerable<IChannelDefinition> channels, TimeProvider clock)
    : ICommandHandler<CreateInbox, CreatedInbox>
{
    public async ValueTask<CreatedInbox> Handle(CreateInbox command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var channel = channels.Single(c => c.Channel.ToString().Equals(command.Channel, StringComparison.OrdinalIgnoreCase));
        var settings = channel.ReadSettings(command.Settings);
        if (settings.Errors.Count > 0)
        {
            throw new ValidationException(settings.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Key, e.Value)));
        }

        if (await db.Inboxes.AnyAsync(i => i.Channel == channel.Channel && i.RoutingKey == settings.RoutingKey, cancellationToken))
        {
            throw new ConflictException("Another inbox is already connected to this account.");
        }

        var inbox = new Inbox
        {
            Name = command.Name.Trim(),
            Channel = channel.Channel,
            RoutingKey = settings.RoutingKey,
            Settings = settings.PublicJson,
            EncryptedSecrets = secrets.Protect(settings.SecretsJson),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedInbox(inbox.Id, channel.WebhookPath, settings.GeneratedSecrets ?? new Dictionary<string, string>());
    }
}
