using Omnichannel.WebChat;

namespace Omnichannel.Tests.WebChat;

public sealed class WebChatVisitorIdentityTests
{
    [Fact]
    public void AnAnonymousVisitorHasNoSiteIdentifier()
    {
        var identity = WebChatVisitor.AnonymousIdentity(Guid.CreateVersion7());

        Assert.True(WebChatVisitor.IsAnonymous(identity));
        Assert.Null(WebChatVisitor.SiteIdentifier(identity));
    }

    [Theory]
    [InlineData("customer-7")]
    [InlineData("visitor:42")] // a site may call its own users anything, even this
    [InlineData("user:with:colons")]
    public void AVerifiedVisitorIsKnownByWhatTheSiteSigned(string identifier)
    {
        var identity = WebChatVisitor.VerifiedIdentity(Guid.CreateVersion7(), identifier);

        Assert.False(WebChatVisitor.IsAnonymous(identity));
        Assert.Equal(identifier, WebChatVisitor.SiteIdentifier(identity));
    }
}
