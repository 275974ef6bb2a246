using Omnichannel.Conversations;

namespace Omnichannel.Tests.Conversations;

public sealed class MessageTests
{
    private static Message Reply() =>
        Message.Reply(Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow), Guid.NewGuid(), "oi", isNote: false, null, DateTimeOffset.UtcNow);

    [Fact]
    public void NewReplyIsPending() => Assert.Equal(DeliveryStatus.Pending, Reply().Status);

    [Fact]
    public void StatusMovesForwardOnly()
    {
        var message = Reply();
        Assert.True(message.ApplyDeliveryStatus(DeliveryStatus.Sent));
        Assert.True(message.ApplyDeliveryStatus(DeliveryStatus.Read));
        Assert.False(message.ApplyDeliveryStatus(DeliveryStatus.Delivered));
        Assert.False(message.ApplyDeliveryStatus(DeliveryStatus.Sent));
        Assert.Equal(DeliveryStatus.Read, message.Status);
    }

    [Fact]
    public void FailureReplacesSentAndKeepsTheReason()
    {
        var message = Reply();
        message.ApplyDeliveryStatus(DeliveryStatus.Sent);
        Assert.True(message.ApplyDeliveryStatus(DeliveryStatus.Failed, "(131047) Re-engagement message"));
        Assert.Equal("(131047) Re-engagement message", message.Error);
    }

    [Fact]
    public void FailureDoesNotUndoADelivery()
    {
        var message = Reply();
        message.ApplyDeliveryStatus(DeliveryStatus.Delivered);
        Assert.False(message.ApplyDeliveryStatus(DeliveryStatus.Failed, "late failure"));
        Assert.Equal(DeliveryStatus.Delivered, message.Status);
        Assert.Null(message.Error);
    }

    [Fact]
    public void DeliveryAfterAFailureWinsAndClearsTheError()
    {
        // Multi-device customers: "delivered" can follow "failed".
        var message = Reply();
        message.ApplyDeliveryStatus(DeliveryStatus.Failed, "x");
        Assert.True(message.ApplyDeliveryStatus(DeliveryStatus.Delivered));
        Assert.Null(message.Error);
    }

    [Fact]
    public void NotesHaveNoDeliveryStatus()
    {
        var note = Message.Reply(Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow), Guid.NewGuid(), "nota", isNote: true, null, DateTimeOffset.UtcNow);
        Assert.Null(note.Status);
        Assert.False(note.ApplyDeliveryStatus(DeliveryStatus.Sent));
        Assert.Equal(MessageKind.Note, note.Kind);
    }
}
