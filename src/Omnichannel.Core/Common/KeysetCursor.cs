using System.Globalization;
using System.Text;

namespace Omnichannel.Common;

/// <summary>
/// The opaque cursor of every newest-first list: the last row's time and id, so the next page
/// starts strictly after it whatever was inserted meanwhile.
/// </summary>
public static class KeysetCursor
{
    public static string Encode(DateTimeOffset at, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks}:{id}")));

    public static bool TryDecode(string cursor, out (DateTimeOffset At, Guid Id) position)
    {
        position = default;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && Guid.TryParse(parts[1], out var id)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                position = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
