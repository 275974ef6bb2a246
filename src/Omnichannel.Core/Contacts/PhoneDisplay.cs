namespace Omnichannel.Contacts;

/// <summary>Phone numbers as people read them: "5511988887777" → "+55 11 98888-7777".</summary>
public static class PhoneDisplay
{
    public static string Format(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != number.Length)
        {
            return number; // typed by a person (punctuation and all) or not a number at all: leave it
        }

        return digits switch
        {
            // Brazil: +55, two-digit area code, 9-digit mobile or 8-digit landline.
            { Length: 13 } when digits.StartsWith("55", StringComparison.Ordinal) => $"+55 {digits[2..4]} {digits[4..9]}-{digits[9..]}",
            { Length: 12 } when digits.StartsWith("55", StringComparison.Ordinal) => $"+55 {digits[2..4]} {digits[4..8]}-{digits[8..]}",
            // NANP: +1 and ten digits.
            { Length: 11 } when digits[0] == '1' => $"+1 {digits[1..4]} {digits[4..7]}-{digits[7..]}",
            { Length: >= 8 } => "+" + digits,
            _ => digits,
        };
    }
}
