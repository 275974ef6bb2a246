using Omnichannel.Templates;

namespace Omnichannel.Tests.Conversations;

public sealed class TemplateTextTests
{
    [Theory]
    [InlineData("Sem variáveis", true, 0)]
    [InlineData("Olá {{1}}", true, 1)]
    [InlineData("{{2}} e {{1}} e {{1}} de novo", true, 2)]
    [InlineData("Olá {{1}}, {{3}}", false, 3)]
    [InlineData("Olá {{2}}", false, 2)]
    public void VariablesMustBeNumberedFromOneWithoutGaps(string body, bool consecutive, int count)
    {
        Assert.Equal(consecutive, TemplateText.AreConsecutive(body));
        Assert.Equal(count, TemplateText.VariableCount(body));
    }

    [Fact]
    public void RenderFillsEveryOccurrenceAndJoinsHeaderAndFooter()
    {
        var template = new MessageTemplate { Name = "t", Language = "pt_BR", Header = "Loja", Body = "Oi {{1}}! Pedido {{2}}, {{1}}.", Footer = "Tchau" };

        Assert.Equal("Loja\n\nOi Ana! Pedido 42, Ana.\n\nTchau", TemplateText.Render(template, ["Ana", "42"]));
    }
}
