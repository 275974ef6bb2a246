using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Common;
using Omnichannel.Data;
using Omnichannel.Inboxes;

namespace Omnichannel.CannedResponses;

public sealed record CannedResponseView(Guid Id, string ShortCode, string Content);

/// <summary>Everyone may read canned responses; <paramref name="Search"/> filters by shortcut or content.</summary>
public sealed record ListCannedResponses(string? Search = null) : IQuery<IReadOnlyList<CannedResponseView>>;

public sealed record CreateCannedResponse(string ShortCode, string Content) : ICommand<CannedResponseView>;

public sealed record UpdateCannedResponse(Guid Id, string ShortCode, string Content) : ICommand<CannedResponseView>;

public sealed record DeleteCannedResponse(Guid Id) : ICommand;

internal static class CannedResponseRules
{
    public static void Apply<T>(AbstractValidator<T> validator, Func<T, string> shortCode, Func<T, string> content)
    {
        validator.RuleFor(x => shortCode(x)).NotEmpty().MaximumLength(50).Matches("^[a-z0-9_-]+$")
            .WithMessage("'Short code' may hold lowercase letters, digits, '-' and '_' only.").OverridePropertyName("shortCode");
        validator.RuleFor(x => content(x)).NotEmpty().MaximumLength(4096).OverridePropertyName("content");
    }
}

public sealed class CreateCannedResponseValidator : AbstractValidator<CreateCannedResponse>
{
    public CreateCannedResponseValidator() => CannedResponseRules.Apply(this, c => c.ShortCode, c => c.Content);
}

public sealed class UpdateCannedResponseValidator : AbstractValidator<UpdateCannedResponse>
{
    public UpdateCannedResponseValidator() => CannedResponseRules.Apply(this, c => c.ShortCode, c => c.Content);
}

public sealed class CannedResponseHandlers(OmnichannelDb db, InboxAccess access, TimeProvider clock) :
    IQueryHandler<ListCannedResponses, IReadOnlyList<CannedResponseView>>,
    ICommandHandler<CreateCannedResponse, CannedResponseView>,
    ICommandHandler<UpdateCannedResponse, CannedResponseView>,
    ICommandHandler<DeleteCannedResponse>
{
    private const string Taken = "Another canned response already uses this short code.";

    public async ValueTask<IReadOnlyList<CannedResponseView>> Handle(ListCannedResponses query, CancellationToken cancellationToken)
    {
        var responses = db.CannedResponses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            responses = responses.Where(r => EF.Functions.ILike(r.ShortCode, pattern) || EF.Functions.ILike(r.Content, pattern));
        }

        return await responses.OrderBy(r => r.ShortCode).Select(r => new CannedResponseView(r.Id, r.ShortCode, r.Content)).ToListAsync(cancellationToken);
    }

    public async ValueTask<CannedResponseView> Handle(CreateCannedResponse command, CancellationToken cancellationToken)
    {
        RequireManager();
        var response = new CannedResponse { ShortCode = command.ShortCode, Content = command.Content, CreatedAt = clock.GetUtcNow() };
        db.CannedResponses.Add(response);
        await db.SaveUniqueAsync(Taken, cancellationToken);
        return new CannedResponseView(response.Id, response.ShortCode, response.Content);
    }

    public async ValueTask<CannedResponseView> Handle(UpdateCannedResponse command, CancellationToken cancellationToken)
    {
        RequireManager();
        var response = await db.CannedResponses.FirstOrDefaultAsync(r => r.Id == command.Id, cancellationToken) ?? throw new NotFoundException("Canned response");
        response.ShortCode = command.ShortCode;
        response.Content = command.Content;
        await db.SaveUniqueAsync(Taken, cancellationToken);
        return new CannedResponseView(response.Id, response.ShortCode, response.Content);
    }

    public async ValueTask<Unit> Handle(DeleteCannedResponse command, CancellationToken cancellationToken)
    {
        RequireManager();
        var deleted = await db.CannedResponses.Where(r => r.Id == command.Id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? throw new NotFoundException("Canned response") : Unit.Value;
    }

    /// <summary>Supervisors and admins curate canned responses; agents use them.</summary>
    private void RequireManager()
    {
        if (!access.Actor.SeesAllInboxes)
        {
            throw new ForbiddenException("Only supervisors and admins manage canned responses.");
        }
    }
}

/// <summary>Fills the placeholders of a canned response when an agent inserts it.</summary>
public static class CannedResponsePlaceholders
{
    public static string Fill(string content, string contactName, string agentName) => content
        .Replace("{{contact.name}}", contactName, StringComparison.OrdinalIgnoreCase)
        .Replace("{{agent.name}}", agentName, StringComparison.OrdinalIgnoreCase);
}
