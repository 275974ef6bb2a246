using Microsoft.EntityFrameworkCore;
using Npgsql;
using Omnichannel.Common;

namespace Omnichannel.Data;

public static class DbExceptions
{
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// Saves, turning a unique-index violation (a name or code already taken) into a 409 with
    /// <paramref name="conflict"/>: the index, not a read-then-write check, is what holds under races.
    /// </summary>
    public static async Task SaveUniqueAsync(this DbContext db, string conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException(conflict);
        }
    }
}
