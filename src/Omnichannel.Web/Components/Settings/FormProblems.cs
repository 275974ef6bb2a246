using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;
using Omnichannel.Common;

namespace Omnichannel.Web.Components.Settings;

/// <summary>
/// What a form shows when a use case refuses its input: a message under each field, in the reader's
/// language, and one line for anything that belongs to no field. The rules stay in the use cases
/// (the same ones the API runs); this only translates their verdict.
/// </summary>
public sealed class FormProblems(IStringLocalizer<UiText> text, string area)
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A problem not tied to one field (no permission, deleted meanwhile).</summary>
    public string? General { get; private set; }

    public bool Any => _fields.Count > 0 || General is not null;

    public bool Has(string field) => _fields.ContainsKey(field);

    public string? this[string field] => _fields.GetValueOrDefault(field);

    public void Clear()
    {
        _fields.Clear();
        General = null;
    }

    /// <summary>Clears the message of a field the user is editing again.</summary>
    public void Clear(string field) => _fields.Remove(field);

    /// <summary>
    /// Records the problems a use case reported. <paramref name="conflictField"/> is where a conflict
    /// (a duplicate name) is shown. Returns false for failures that are not the user's to fix.
    /// </summary>
    public bool Capture(Exception exception, string? conflictField = null)
    {
        Clear();
        switch (exception)
        {
            case ValidationException validation:
                foreach (var failure in validation.Errors)
                {
                    var field = FieldName(failure.PropertyName);
                    _fields.TryAdd(field, Describe(field, failure));
                }

                return true;
            case RuleViolationException rule:
                _fields[rule.Field] = Specific(rule.Field) ?? rule.Message;
                return true;
            case ConflictException:
                var conflict = text[$"{area}.Conflict"];
                if (conflictField is null)
                {
                    General = conflict;
                }
                else
                {
                    _fields[conflictField] = conflict;
                }

                return true;
            case ForbiddenException:
                General = text["Settings.Forbidden"];
                return true;
            case NotFoundException:
                General = text["Settings.Gone"];
                return true;
            default:
                return false;
        }
    }

    /// <summary>Sets a message by hand (e.g. a field the form checks before sending).</summary>
    public void Set(string field, string message) => _fields[field] = message;

    /// <summary>Shows a message that belongs to no field (e.g. "try again" after an unexpected failure).</summary>
    public void Fail(string message)
    {
        Clear();
        General = message;
    }

    private string Describe(string field, ValidationFailure failure)
    {
        var values = failure.FormattedMessagePlaceholderValues ?? new Dictionary<string, object>();
        return failure.ErrorCode switch
        {
            "NotEmptyValidator" or "NotNullValidator" => text["Settings.Form.Required"],
            // Channel settings are checked by the channel adapter, which reports "'x' is required." without a code.
            null when failure.ErrorMessage.EndsWith("is required.", StringComparison.Ordinal) => text["Settings.Form.Required"],
            "MaximumLengthValidator" when values.TryGetValue("MaxLength", out var max) => text["Settings.Form.MaxLength", max],
            "MinimumLengthValidator" when values.TryGetValue("MinLength", out var min) => text["Settings.Form.MinLength", min],
            "EmailValidator" => text["Settings.Form.Email"],
            "InclusiveBetweenValidator" when values.TryGetValue("From", out var from) && values.TryGetValue("To", out var to) => text["Settings.Form.Between", from, to],
            _ => Specific(field) ?? failure.ErrorMessage,
        };
    }

    private string? Specific(string field) => text[$"{area}.Error.{field}"] is { ResourceNotFound: false } found ? found.Value : null;

    /// <summary>"Settings.PhoneNumberId" → "settings.phoneNumberId", as the API names fields.</summary>
    private static string FieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
