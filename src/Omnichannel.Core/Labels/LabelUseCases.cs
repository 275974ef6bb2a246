using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.Labels;

public sealed record LabelView(Guid Id, string Name, string Color, string? Description);

public sealed record ListLabels : IQuery<IReadOnlyList<LabelView>>;

public sealed record CreateLabel(string Name, string Color, string? Description) : ICommand<LabelView>;

public sealed record UpdateLabel(Guid Id, string Name, string Color, string? Description) : ICommand<LabelView>;

public sealed record DeleteLabel(Guid Id) : ICommand;

internal static partial class LabelRules
{
    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    public static partial Regex Color();

    public static void Apply<T>(AbstractValidator<T> validator, Func<T, string> name, Func<T, string> color, Func<T, string?> description)
    {
        validator.RuleFor(x => name(x)).NotEmpty().MaximumLength(50).Must(n => !n.Contains(',', StringComparison.Ordinal))
            .WithMessage("'Name' must not contain commas.").OverridePropertyName("name");
        validator.RuleFor(x => color(x)).NotEmpty().Matches(Color()).WithMessage("'Color' must look like #1F8A70.").OverridePropertyName("color");
        validator.RuleFor(x => description(x)).MaximumLength(200).OverridePropertyName("description");
    }
}

public sealed class CreateLabelValidator : AbstractValidator<CreateLabel>
{
    public CreateLabelValidator() => LabelRules.Apply(this, c => c.Name, c => c.Color, c => c.Description);
}

public sealed class UpdateLabelValidator : AbstractValidator<UpdateLabel>
{
    public UpdateLabelValidator() => LabelRules.Apply(this, c => c.Name, c => c.Color, c => c.Description);
}

public sealed class LabelHandlers(OmnichannelDb db, InboxAccess access, TimeProvider clock) :
    IQueryHandler<ListLabels, IReadOnlyList<LabelView>>,
    ICommandHandler<CreateLabel, LabelView>,
    ICommandHandler<UpdateLabel, LabelView>,
    ICommandHandler<DeleteLabel>
{
    private const string Taken = "A label with this name already exists.";

    public async ValueTask<IReadOnlyList<LabelView>> Handle(ListLabels query, CancellationToken cancellationToken) =>
        await db.Labels.AsNoTracking().OrderBy(l => l.Name).Select(l => new LabelView(l.Id, l.Name, l.Color, l.Description)).ToListAsync(cancellationToken);

    public async ValueTask<LabelView> Handle(CreateLabel command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var label = new Label { Name = command.Name.Trim(), Color = command.Color.ToUpperInvariant(), Description = command.Description?.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Labels.Add(label);
        await db.SaveUniqueAsync(Taken, cancellationToken);
        return View(label);
    }

    public async ValueTask<LabelView> Handle(UpdateLabel command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var label = await db.Labels.FirstOrDefaultAsync(l => l.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Label");
        label.Name = command.Name.Trim();
        label.Color = command.Color.ToUpperInvariant();
        label.Description = command.Description?.Trim();
        await db.SaveUniqueAsync(Taken, cancellationToken);
        return View(label);
    }

    public async ValueTask<Unit> Handle(DeleteLabel command, CancellationToken cancellationToken)
    {
        access.RequireAdmin();
        var deleted = await db.Labels.Where(l => l.Id == command.Id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw new NotFoundException("Label") : Unit.Value;
    }

    private static LabelView View(Label l) => new(l.Id, l.Name, l.Color, l.Description);
}
