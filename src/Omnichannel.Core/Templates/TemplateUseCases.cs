using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Templates;

public sealed record TemplateView(
    Guid Id, Guid InboxId, string Name, string Language, TemplateCategory Category, TemplateStatus Status,
    string? Header, string Body, string? Footer, int VariableCount);

/// <summary>The templates of an inbox (anyone who sees the inbox); <paramref name="ApprovedOnly"/> for the composer.</summary>
public sealed record ListTemplates(Guid InboxId, bool ApprovedOnly = false) : IQuery<IReadOnlyList<TemplateView>>;

/// <summary>What an admin enters for a template, exactly as approved on Meta's side.</summary>
public sealed record TemplateFields(string Name, string Language, TemplateCategory Category, TemplateStatus Status, string? Header, string Body, string? Footer);

public sealed record CreateTemplate(Guid InboxId, TemplateFields Fields) : ICommand<TemplateView>;

public sealed record UpdateTemplate(Guid InboxId, Guid TemplateId, TemplateFields Fields) : ICommand<TemplateView>;

public sealed record DeleteTemplate(Guid InboxId, Guid TemplateId) : ICommand;

/// <summary>Meta's own limits: names in snake case, body up to 1024 characters, header and footer up to 60.</summary>
public sealed class TemplateFieldsValidator : AbstractValidator<TemplateFields>
{
    public TemplateFieldsValidator()
    {
        RuleFor(f => f.Name).NotEmpty().MaximumLength(512).Matches("^[a-z0-9_]+$")
            .WithMessage("'name' may hold lowercase letters, digits and '_' only (as in Meta's template list).");
        RuleFor(f => f.Language).NotEmpty().Matches("^[a-z]{2,3}(_[A-Z]{2,3})?$")
            .WithMessage("'language' is a code such as pt_BR, en or en_US.");
        RuleFor(f => f.Category).IsInEnum();
        RuleFor(f => f.Status).IsInEnum();
        RuleFor(f => f.Body).NotEmpty().MaximumLength(1024);
        RuleFor(f => f.Body).Must(TemplateText.AreConsecutive).When(f => !string.IsNullOrEmpty(f.Body))
            .WithMessage("Variables are numbered {{1}}, {{2}}, … without gaps.");
        RuleFor(f => f.Header).MaximumLength(60).Must(h => !TemplateText.HasPlaceholders(h))
            .WithMessage("The header is fixed text (variables go in the body).");
        RuleFor(f => f.Footer).MaximumLength(60).Must(h => !TemplateText.HasPlaceholders(h))
            .WithMessage("The footer is fixed text (variables go in the body).");
    }
}

public sealed class CreateTemplateValidator : AbstractValidator<CreateTemplate>
{
    public CreateTemplateValidator() => RuleFor(c => c.Fields).SetValidator(new TemplateFieldsValidator()).OverridePropertyName("");
}

public sealed class UpdateTemplateValidator : AbstractValidator<UpdateTemplate>
{
    public UpdateTemplateValidator() => RuleFor(c => c.Fields).SetValidator(new TemplateFieldsValidator()).OverridePropertyName("");
}

public sealed class TemplateHandlers(OmnichannelDb db, InboxAccess access, TimeProvider clock) :
    IQueryHandler<ListTemplates, IReadOnlyList<TemplateView>>,
    ICommandHandler<CreateTemplate, TemplateView>,
    ICommandHandler<UpdateTemplate, TemplateView>,
    ICommandHandler<DeleteTemplate>
{
    private const string Taken = "This inbox already has a template with this name and language.";

    public async ValueTask<IReadOnlyList<TemplateView>> Handle(ListTemplates query, CancellationToken cancellationToken)
    {
        if (!await db.Inboxes.AnyAsync(i => i.Id == query.InboxId, cancellationToken) || !await access.CanSeeInboxAsync(query.InboxId, cancellationToken))
        {
            throw new NotFoundException("Inbox");
        }

        var templates = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.InboxId == query.InboxId && (!query.ApprovedOnly || t.Status == TemplateStatus.Approved))
            .OrderBy(t => t.Name).ThenBy(t => t.Language)
            .ToListAsync(cancellationToken);
        return templates.Select(View).ToList();
    }

    public async ValueTask<TemplateView> Handle(CreateTemplate command, CancellationToken cancellationToken)
    {
        await RequireWhatsAppInboxAsync(command.InboxId, cancellationToken);
        var now = clock.GetUtcNow();
        var template = new MessageTemplate
        {
            InboxId = command.InboxId, Name = "", Language = "", Body = "", CreatedAt = now,
        };
        Apply(template, command.Fields, now);
        db.MessageTemplates.Add(template);
        await db.SaveUniqueAsync(Taken, cancellationToken);
        return View(template);
    }

    public async ValueTask<TemplateView> Handle(UpdateTemplate command, CancellationToken cancellationToken)
    {
        await RequireWhatsAppInboxAsync(command.InboxId, cancellationToken);
        var template = await db.MessageTemplates.FirstOrDefaultAsync(t => t.Id == command.TemplateId && t.InboxId == command.InboxId, cancellationToken)
            ?? throw new NotFoundException("Template");
        Apply(template, command.Fields, clock.GetUtcNow());
        await db.SaveUniqueAsync(Taken, cancellationToken);
        return View(template);
    }

    public async ValueTask<Unit> Handle(DeleteTemplate command, CancellationToken cancellationToken)
    {
        await RequireWhatsAppInboxAsync(command.InboxId, cancellationToken);
        var deleted = await db.MessageTemplates.Where(t => t.Id == command.TemplateId && t.InboxId == command.InboxId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw new NotFoundException("Template") : Unit.Value;
    }

    public static TemplateView View(MessageTemplate t) =>
        new(t.Id, t.InboxId, t.Name, t.Language, t.Category, t.Status, t.Header, t.Body, t.Footer, TemplateText.VariableCount(t.Body));

    private static void Apply(MessageTemplate template, TemplateFields fields, DateTimeOffset now)
    {
        template.Name = fields.Name;
        template.Language = fields.Language;
        template.Category = fields.Category;
        template.Status = fields.Status;
        template.Header = string.IsNullOrWhiteSpace(fields.Header) ? null : fields.Header.Trim();
        template.Body = fields.Body;
        template.Footer = string.IsNullOrWhiteSpace(fields.Footer) ? null : fields.Footer.Trim();
        template.UpdatedAt = now;
    }

    /// <summary>Admins manage templates; only WhatsApp has them.</summary>
    private async Task RequireWhatsAppInboxAsync(Guid inboxId, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var channel = await db.Inboxes.Where(i => i.Id == inboxId).Select(i => (ChannelType?)i.Channel).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Inbox");
        if (channel != ChannelType.WhatsApp)
        {
            throw new RuleViolationException("inboxId", "Only WhatsApp inboxes have message templates.");
        }
    }
}
