namespace Omnichannel.CannedResponses;

/// <summary>
/// A saved reply agents insert by typing <c>/shortcut</c>. Content may hold the placeholders
/// <c>{{contact.name}}</c> and <c>{{agent.name}}</c>, filled in when inserted.
/// </summary>
public sealed class CannedResponse
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Unique, lowercase letters, digits, '-' and '_' (what follows the slash).</summary>
    public required string ShortCode { get; set; }

    public required string Content { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
