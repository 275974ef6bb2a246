namespace Omnichannel.Contacts;

/// <summary>
/// Normalises WhatsApp numbers so one person is one contact. Brazilian mobiles gained a ninth digit
/// in 2012-2016 and WhatsApp still reports many accounts without it (55 + area code + 8 digits), so
/// 55 11 8888-7777 and 55 11 98888-7777 must match. Landlines (8 digits starting 2-5) keep 8 digits.
/// </summary>
public static class WhatsAppNumber
{
    public static string Normalise(string raw)
    {
        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 12 && digits.StartsWith("55", StringComparison.Ordinal) && digits[4] is >= '6' and <= '9')
        {
            return string.Concat(digits.AsSpan(0, 4), "9", digits.AsSpan(4));
        }

        return digits;
    }

    /// <summary>A business-scoped user id ("BR.8839201746553019") — letters and a dot, never only digits.</summary>
    public static bool IsBusinessScopedUserId(string value) => value.Contains('.', StringComparison.Ordinal);
}
