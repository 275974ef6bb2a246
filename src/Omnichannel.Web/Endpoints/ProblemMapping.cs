using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Omnichannel.Common;

namespace Omnichannel.Web.Endpoints;

/// <summary>Turns use-case failures into RFC 7807 responses with field-level messages; anything else is a 500.</summary>
public sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new ValidationProblemDetails(
                validation.Errors.GroupBy(e => FieldName(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid",
            },
            RuleViolationException rule => new ValidationProblemDetails(new Dictionary<string, string[]> { [rule.Field] = [rule.Message] })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = rule.Title,
            },
            NotFoundException e => Problem(StatusCodes.Status404NotFound, e),
            UnauthorizedException e => Problem(StatusCodes.Status401Unauthorized, e),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, e),
            ConflictException e => Problem(StatusCodes.Status409Conflict, e),
            BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "The request could not be read", Detail = Describe(e) },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, ProblemException e) => new() { Status = status, Title = e.Title, Detail = e.Message };

    /// <summary>"Settings.PhoneNumberId" → "settings.phoneNumberId", matching the JSON the client sent.</summary>
    private static string FieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => JsonNamingPolicy.CamelCase.ConvertName(p)));

    private static string Describe(BadHttpRequestException e) =>
        e.InnerException is JsonException json ? $"The body is not valid JSON for this endpoint: {json.Message}" : e.Message;
}
