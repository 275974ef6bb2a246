using Omnichannel.Contacts;

namespace Omnichannel.Tests.Contacts;

public sealed class WhatsAppNumberTests
{
    [Theory]
    [InlineData("551188887777", "5511988887777")] // mobile reported without the ninth digit
    [InlineData("5511988887777", "5511988887777")] // already with it
    [InlineData("+55 (11) 98888-7777", "5511988887777")] // formatting stripped
    [InlineData("552133334444", "552133334444")] // landline (starts with 3): stays 8 digits
    [InlineData("15551230001", "15551230001")] // not Brazilian: untouched
    public void NormalisesBrazilianMobilesToTheNineDigitForm(string raw, string expected) =>
        Assert.Equal(expected, WhatsAppNumber.Normalise(raw));

    [Fact]
    public void BothSpellingsOfTheSameMobileNormaliseToTheSameKey() =>
        Assert.Equal(WhatsAppNumber.Normalise("554899112233"), WhatsAppNumber.Normalise("5548999112233"));

    [Theory]
    [InlineData("BR.8839201746553019", true)]
    [InlineData("5511900000001", false)]
    public void RecognisesBusinessScopedUserIds(string value, bool expected) =>
        Assert.Equal(expected, WhatsAppNumber.IsBusinessScopedUserId(value));
}
