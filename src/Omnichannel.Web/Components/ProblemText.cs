using FluentValidation;
using Microsoft.Extensions.Localization;
using Omnichannel.Common;

namespace Omnichannel.Web.Components;

/// <summary>
/// What to tell an agent when a use case refuses (the 403/404/409/422 of the API): in their
/// language, and specific where the screen knows the rule. Unexpected failures get
/// <paramref name="fallbackKey"/>'s text.
/// </summary>
public static class ProblemText
{
    public static string Describe(Exception exception, IStringLocalizer<UiText> text, string fallbackKey) => exception switch
    {
        ForbiddenException => text["Problem.Forbidden"],
        NotFoundException => text["Problem.NotFound"],
        ConflictException => text["Problem.Conflict"],
        RuleViolationException { Field: "assigneeId" } => text["Problem.Assignee"],
        RuleViolationException { Field: "teamId" } => text["Problem.Team"],
        RuleViolationException { Field: "labels" } => text["Problem.Labels"],
        RuleViolationException { Field: "window" } => text["Window.Refused"],
        RuleViolationException { Field: "template.name" or "template.variables" } => text["Window.TemplateRefused"],
        RuleViolationException { Field: "file" } => text["Attachment.ChannelSendsNoFiles"],
        RuleViolationException rule => text["Problem.Invalid", rule.Message],
        ValidationException { Errors: var errors } when errors.Any(e => e.PropertyName == "SnoozedUntil") => text["Problem.SnoozeInPast"],
        ValidationException { Errors: var errors } when errors.FirstOrDefault() is { } first => text["Problem.Invalid", first.ErrorMessage],
        _ => text[fallbackKey],
    };
}
