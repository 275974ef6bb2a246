namespace Omnichannel.Common;

/// <summary>
/// Failures a use case reports to its caller; the web host maps each to an RFC 7807 response
/// (404, 403, 409, 422), so handlers never know about HTTP.
/// </summary>
public abstract class ProblemException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
}

public sealed class NotFoundException(string what) : ProblemException("Not found", $"{what} was not found.");

public sealed class ForbiddenException(string detail) : ProblemException("Forbidden", detail);

public sealed class ConflictException(string detail) : ProblemException("Conflict", detail);

/// <summary>A request that is well-formed but breaks a domain rule; carries field errors like validation.</summary>
public sealed class RuleViolationException(string field, string detail) : ProblemException("Request breaks a rule", detail)
{
    public string Field { get; } = field;
}

/// <summary>The caller could not be authenticated (e.g. a web-chat visitor token or identity hash that does not check out).</summary>
public sealed class UnauthorizedException(string detail) : ProblemException("Unauthorized", detail);
