using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Omnichannel.Contacts;

namespace Omnichannel.Web.Endpoints;

public static class ContactEndpoints
{
    /// <summary>Documented shape of PATCH: absent fields stay; null clears e-mail, phone and notes; customAttributes replaces the whole object.</summary>
    public sealed record PatchBody(string? Name, string? Email, string? Phone, string? Notes, IReadOnlyDictionary<string, JsonElement>? CustomAttributes);

    public sealed record MergeBody(Guid OtherContactId);

    public static void MapContacts(this RouteGroupBuilder api)
    {
        var contacts = api.MapGroup("/contacts").WithTags("Contacts").ProducesProblem(StatusCodes.Status404NotFound);

        contacts.MapGet("", async (string? q, string? cursor, string? limit, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListContacts(q, cursor, ApiQuery.Int(limit, "limit", 25)), ct)))
            .ProducesValidationProblem();

        contacts.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetContact(id), ct)));

        contacts.MapPatch("/{id:guid}", async (Guid id, JsonElement body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(ReadPatch(id, body), ct)))
            .Accepts<PatchBody>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        contacts.MapGet("/{id:guid}/timeline", async (Guid id, string? cursor, string? limit, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetContactTimeline(id, cursor, ApiQuery.Int(limit, "limit", 50)), ct)))
            .ProducesValidationProblem();

        contacts.MapPost("/{id:guid}/merge", async (Guid id, JsonElement body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MergeContacts(id, ApiQuery.RequiredId(body, "otherContactId")), ct)))
            .Accepts<MergeBody>("application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        contacts.MapGet("/{id:guid}/merge-suggestions", async (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { items = await mediator.Send(new ListMergeSuggestions(id), ct) }));
    }

    private static UpdateContact ReadPatch(Guid id, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationFailure("body", "The body must be a JSON object.")]);
        }

        var errors = new List<ValidationFailure>();
        string? name = null;
        if (body.TryGetProperty("name", out var nameValue))
        {
            // A contact always has a name: null is read as "", which the validator refuses.
            name = nameValue.ValueKind switch
            {
                JsonValueKind.String => nameValue.GetString(),
                JsonValueKind.Null => "",
                _ => Fail<string>(errors, "name", "'name' must be a string."),
            };
        }

        var (changeEmail, email) = ReadClearable(body, "email", errors);
        var (changePhone, phone) = ReadClearable(body, "phone", errors);
        var (changeNotes, notes) = ReadClearable(body, "notes", errors);

        Dictionary<string, JsonElement>? attributes = null;
        if (body.TryGetProperty("customAttributes", out var attributesValue))
        {
            attributes = attributesValue.ValueKind switch
            {
                JsonValueKind.Object => attributesValue.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value.Clone(), StringComparer.Ordinal),
                JsonValueKind.Null => [],
                _ => Fail<Dictionary<string, JsonElement>>(errors, "customAttributes", "'customAttributes' must be a JSON object of names to text, number or true/false values."),
            };
        }

        return errors.Count > 0
            ? throw new ValidationException(errors)
            : new UpdateContact(id, name, changeEmail, email, changePhone, phone, changeNotes, notes, attributes);
    }

    /// <summary>Absent → (false, null); null → (true, null): clear it; a string → (true, value).</summary>
    private static (bool Present, string? Value) ReadClearable(JsonElement body, string name, List<ValidationFailure> errors)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return (false, null);
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => (true, null),
            JsonValueKind.String => (true, value.GetString()),
            _ => (false, Fail<string>(errors, name, $"'{name}' must be a string or null.")),
        };
    }

    private static T? Fail<T>(List<ValidationFailure> errors, string field, string message)
        where T : class
    {
        errors.Add(new ValidationFailure(field, message));
        return null;
    }
}

/// <summary>Reading query-string numbers and body ids by hand, so a bad value is a field error rather than a bare 400.</summary>
internal static class ApiQuery
{
    public static int Int(string? value, string name, int fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ValidationException([new ValidationFailure(name, $"'{name}' must be a whole number.")]);
    }

    public static Guid RequiredId(JsonElement body, string name)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationException([new ValidationFailure("body", "The body must be a JSON object.")]);
        }

        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ValidationException([new ValidationFailure(name, $"'{name}' is required.")]);
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw new ValidationException([new ValidationFailure(name, $"'{name}' must be an id.")]);
    }
}
