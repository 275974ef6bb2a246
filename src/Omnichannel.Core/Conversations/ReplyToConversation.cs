using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Attachments;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;
using Omnichannel.Notifications;
using Omnichannel.Realtime;
using Omnichannel.Templates;

namespace Omnichannel.Conversations;

/// <summary>
/// An agent answers the customer, or (Private) leaves an internal note that is never sent. With a
/// <see cref="File"/>, the text is its caption (and may be empty). With a <see cref="Template"/> the
/// reply is that approved template (the text is ignored): the only reply WhatsApp accepts once the
/// customer-service window has closed.
/// </summary>
public sealed record ReplyToConversation(
    Guid ConversationId, string Text, bool Private = false, string? IdempotencyKey = null, TemplateChoice? Template = null, OutgoingFile? File = null)
    : ICommand<ReplyAccepted>;

/// <summary>An inbox template by name and language, with the values of its {{1}}…{{n}} in order.</summary>
public sealed record TemplateChoice(string Name, string Language, IReadOnlyList<string> Variables);

public sealed record ReplyAccepted(Guid Id, DeliveryStatus? Status);

public sealed class ReplyToConversationValidator : AbstractValidator<ReplyToConversation>
{
    public const int MaxLength = 4096;

    public ReplyToConversationValidator()
    {
        RuleFor(r => r.Text).NotEmpty().Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'Text' must not be blank.").MaximumLength(MaxLength)
            .When(r => r.Template is null && r.File is null);
        RuleFor(r => r.Text).MaximumLength(OutgoingFile.MaxCaptionLength).When(r => r.File is not null);
        RuleFor(r => r.File).Null().When(r => r.Template is not null).WithMessage("A template is sent on its own, without a file.");
        RuleFor(r => r.IdempotencyKey).MaximumLength(200);
        RuleFor(r => r.Private).Equal(false).When(r => r.Template is not null).WithMessage("A template is sent to the customer; it cannot be a private note.");
        RuleFor(r => r.Template!.Name).NotEmpty().MaximumLength(512).When(r => r.Template is not null).OverridePropertyName("template.name");
        RuleFor(r => r.Template!.Language).NotEmpty().MaximumLength(16).When(r => r.Template is not null).OverridePropertyName("template.language");
        // WhatsApp refuses parameters with line breaks, tabs or more than 4 spaces in a row (error 132018).
        RuleFor(r => r.Template!.Variables).NotNull()
            .Must(values => values is null || values.All(v => !string.IsNullOrWhiteSpace(v) && v.Length <= 1024 && !v.Contains('\n', StringComparison.Ordinal)
                && !v.Contains('\t', StringComparison.Ordinal) && !v.Contains("     ", StringComparison.Ordinal)))
            .WithMessage("Each variable is filled with one line of text (up to 1024 characters, no line breaks or tabs).")
            .When(r => r.Template is not null).OverridePropertyName("template.variables");
    }
}

public sealed class ReplyToConversationHandler(
    OmnichannelDb db, InboxAccess access, OutboxWork outbox, AttachmentIntake intake, IEnumerable<IChannelSender> senders, TimeProvider clock)
    : ICommandHandler<ReplyToConversation, ReplyAccepted>
{
    public async ValueTask<ReplyAccepted> Handle(ReplyToConversation command, CancellationToken cancellationToken)
    {
        if (await FirstResultAsync(command, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var conversation = await access.ConversationAsync(command.ConversationId, cancellationToken);
        if (conversation.MergedIntoId is { } survivor)
        {
            throw new ConflictException($"This conversation was merged into conversation {survivor}; write there, or undo the merge first.");
        }

        var now = clock.GetUtcNow();
        var inbox = await db.Inboxes.Where(i => i.Id == conversation.InboxId).Select(i => new { i.Channel, i.OnlyAssigneeReplies }).FirstAsync(cancellationToken);
        var template = command.Template is { } choice ? await TemplateAsync(conversation, inbox.Channel, choice, cancellationToken) : null;
        if (!command.Private && template is null)
        {
            RequireOpenWindow(conversation, inbox.Channel, now);
        }

        if (!command.Private && command.File is not null && !senders.SendFiles(inbox.Channel))
        {
            // Checked before the file is stored: nothing is kept for a reply that cannot be sent.
            throw new RuleViolationException("file", $"{inbox.Channel} conversations cannot receive files from here; send the text, or share a link.");
        }

        if (!command.Private)
        {
            ClaimReply(conversation, inbox.OnlyAssigneeReplies, now);
        }

        var message = template is not null
            ? Message.TemplateReply(conversation, access.Actor.UserId, TemplateText.Render(template, command.Template!.Variables), template.Name, template.Language, command.Template.Variables, command.IdempotencyKey, now)
            : Message.Reply(conversation, access.Actor.UserId, command.Text.Trim(), command.Private, command.IdempotencyKey, now);
        conversation.AddAgentMessage(message);
        db.Messages.Add(message);
        var attachment = command.File is { } file ? await intake.StoreAsync(file, message, cancellationToken) : null;
        if (attachment is not null)
        {
            db.MessageAttachments.Add(attachment);
            conversation.PreviewAttachment(message, AttachmentSymbols.Of(attachment.Kind));
        }
        if (command.Private)
        {
            await NotifyMentionedAsync(conversation, message, cancellationToken);
        }

        if (!command.Private)
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                MessageId = message.Id,
                ConversationId = conversation.Id,
                InboxId = conversation.InboxId,
                CreatedAt = message.CreatedAt,
                NextAttemptAt = message.CreatedAt,
            });
        }

        db.Publish(new InboxEvent(InboxEventKind.MessageCreated, conversation.InboxId, conversation.Id, message.Id));
        db.Publish(new InboxEvent(InboxEventKind.ConversationUpdated, conversation.InboxId, conversation.Id));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (command.IdempotencyKey is not null && ex.IsUniqueViolation())
        {
            await intake.ForgetAsync(attachment);
            // A concurrent retry with the same key won the race: answer with its result.
            db.ChangeTracker.Clear();
            return await FirstResultAsync(command, cancellationToken) ?? throw new ConflictException("The request is being processed; retry.");
        }
        catch
        {
            // Nothing partial: the file must not outlive a message that was not saved.
            await intake.ForgetAsync(attachment);
            throw;
        }

        if (!command.Private)
        {
            outbox.Poke();
        }

        return new ReplyAccepted(message.Id, message.Status);
    }

    /// <summary>
    /// In inboxes where only the assignee replies (so two agents never answer one customer), an
    /// unassigned conversation becomes the replier's and someone else's is refused.
    /// </summary>
    private void ClaimReply(Conversation conversation, bool onlyAssignee, DateTimeOffset now)
    {
        if (!onlyAssignee || conversation.AssigneeId == access.Actor.UserId)
        {
            return;
        }

        if (conversation.AssigneeId is not null)
        {
            throw new ForbiddenException("In this inbox only the assignee may reply to the customer; write a private note or ask to be assigned.");
        }

        conversation.Assign(access.Actor.UserId, now);
        db.Messages.Add(Message.Activity(conversation, ActivityText.Assigned(access.Actor.Name, access.Actor.Name), now));
    }

    /// <summary>
    /// Refused here, before anything is stored or sent: the provider would refuse it anyway (WhatsApp
    /// 131047), and the agent learns it now rather than from a failed message later.
    /// </summary>
    private static void RequireOpenWindow(Conversation conversation, ChannelType channel, DateTimeOffset now)
    {
        var window = ReplyWindow.For(channel, conversation.LastIncomingAt, now);
        if (window.Allowance == ReplyAllowance.Nothing)
        {
            throw new RuleViolationException(
                "window", "Instagram only accepts replies up to 7 days after the customer's last message. Wait for the customer to write again.");
        }

        if (window.AllowsTemplatesOnly)
        {
            var since = window.EndsAt is { } end ? $" (it closed at {end:u})" : "";
            throw new RuleViolationException(
                "window", $"The customer has not written in the last 24 hours{since}: only an approved template can be sent until they write again.");
        }
    }

    /// <summary>An approved template of this conversation's WhatsApp inbox, with exactly as many values as it has variables.</summary>
    private async Task<MessageTemplate> TemplateAsync(Conversation conversation, ChannelType channel, TemplateChoice choice, CancellationToken cancellationToken)
    {
        if (channel != ChannelType.WhatsApp)
        {
            throw new RuleViolationException("template", "Only WhatsApp inboxes send message templates.");
        }

        var template = await db.MessageTemplates.AsNoTracking()
            .FirstOrDefaultAsync(t => t.InboxId == conversation.InboxId && t.Name == choice.Name && t.Language == choice.Language, cancellationToken);
        if (template is null || template.Status != TemplateStatus.Approved)
        {
            throw new RuleViolationException("template.name", $"This inbox has no approved template '{choice.Name}' in '{choice.Language}'.");
        }

        var expected = TemplateText.VariableCount(template.Body);
        if (choice.Variables.Count != expected)
        {
            throw new RuleViolationException("template.variables", $"The template '{template.Name}' takes {expected} variable(s); {choice.Variables.Count} were given.");
        }

        return template;
    }

    /// <summary>Everyone @mentioned in a note who can see the conversation gets a notification (not the author).</summary>
    private async Task NotifyMentionedAsync(Conversation conversation, Message note, CancellationToken cancellationToken)
    {
        var mentioned = Mentions.UserIds(note.Text).Where(id => id != access.Actor.UserId).ToList();
        var snippet = Mentions.Plain(note.Text);
        snippet = snippet.Length <= 280 ? snippet : snippet[..280];
        foreach (var userId in mentioned)
        {
            if (!await access.CanUserSeeInboxAsync(userId, conversation.InboxId, cancellationToken))
            {
                continue;
            }

            db.Notifications.Add(new Notification
            {
                UserId = userId,
                Kind = NotificationKind.Mention,
                ConversationId = conversation.Id,
                MessageId = note.Id,
                ActorName = access.Actor.Name,
                Snippet = snippet,
                CreatedAt = note.CreatedAt,
            });
            db.Publish(InboxEvent.Notification(userId, conversation.Id));
        }
    }

    /// <summary>The result of an earlier request with the same idempotency key, if any.</summary>
    private async Task<ReplyAccepted?> FirstResultAsync(ReplyToConversation command, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is null)
        {
            return null;
        }

        var earlier = await db.Messages.AsNoTracking()
            .Where(m => m.AuthorId == access.Actor.UserId && m.IdempotencyKey == command.IdempotencyKey)
            .Select(m => new { m.Id, m.ConversationId, m.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.ConversationId == command.ConversationId
            ? new ReplyAccepted(earlier.Id, earlier.Status)
            : throw new ConflictException("This Idempotency-Key was already used for another conversation.");
    }
}
