using Omnichannel.Common;
using Omnichannel.Conversations;

namespace Omnichannel.Tests.Conversations;

public sealed class ConversationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Snoozed)]
    [InlineData(ConversationStatus.Resolved)]
    public void CustomerMessageReopens(ConversationStatus status)
    {
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), T0);
        conversation.ChangeStatus(status, T0, status == ConversationStatus.Snoozed ? T0.AddHours(1) : null);

        var reopened = conversation.ReceiveCustomerMessage(Message.Incoming(conversation, "oi", "wamid.1", T0.AddMinutes(1), T0.AddMinutes(1)));

        Assert.True(reopened);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
    }

    [Fact]
    public void LastIncomingIsWhenTheNewestCustomerMessageArrivedNotItsProviderTime()
    {
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), T0);
        conversation.ReceiveCustomerMessage(Message.Incoming(conversation, "1", "w1", T0, T0.AddMinutes(5)));
        conversation.ReceiveCustomerMessage(Message.Incoming(conversation, "redelivered late", "w0", T0.AddMinutes(-10), T0.AddMinutes(6)));

        Assert.Equal(T0.AddMinutes(6), conversation.LastIncomingAt);
        Assert.Equal("1", conversation.LastMessageText);
    }

    [Fact]
    public void PreviewShowsTheNewestCustomerFacingMessageEvenWhenEventsArriveOutOfOrder()
    {
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), T0);
        conversation.ReceiveCustomerMessage(Message.Incoming(conversation, "newer", "w2", T0.AddMinutes(2), T0.AddMinutes(2)));
        conversation.ReceiveCustomerMessage(Message.Incoming(conversation, "older", "w1", T0.AddMinutes(1), T0.AddMinutes(1)));
        conversation.AddAgentMessage(Message.Reply(conversation, Guid.NewGuid(), "internal", isNote: true, null, T0.AddMinutes(3)));

        Assert.Equal("newer", conversation.LastMessageText);
        Assert.Equal(T0.AddMinutes(3), conversation.LastActivityAt);
    }

    [Fact]
    public void LongMessagesAreTruncatedInThePreview()
    {
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), T0);
        conversation.ReceiveCustomerMessage(Message.Incoming(conversation, new string('x', 5000), "w", T0, T0));
        Assert.Equal(200, conversation.LastMessageText!.Length);
    }

    [Fact]
    public void ReplyToAResolvedConversationReopensItButANoteDoesNot()
    {
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), T0);
        conversation.ChangeStatus(ConversationStatus.Resolved, T0);

        conversation.AddAgentMessage(Message.Reply(conversation, Guid.NewGuid(), "nota", isNote: true, null, T0));
        Assert.Equal(ConversationStatus.Resolved, conversation.Status);

        conversation.AddAgentMessage(Message.Reply(conversation, Guid.NewGuid(), "resposta", isNote: false, null, T0));
        Assert.Equal(ConversationStatus.Open, conversation.Status);
    }

    [Fact]
    public void SnoozeNeedsAFutureWakeUpAndWakesOnlyWhenDue()
    {
        var conversation = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), T0);
        Assert.Throws<ArgumentException>(() => conversation.ChangeStatus(ConversationStatus.Snoozed, T0));
        Assert.Throws<ArgumentException>(() => conversation.ChangeStatus(ConversationStatus.Snoozed, T0, T0.AddMinutes(-1)));

        conversation.ChangeStatus(ConversationStatus.Snoozed, T0, T0.AddHours(1));
        Assert.False(conversation.WakeUp(T0.AddMinutes(59)));
        Assert.True(conversation.WakeUp(T0.AddHours(1)));
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.SnoozedUntil);
    }

    [Fact]
    public void MergingClosesWithAPointerAndUndoRestoresTheFormerStatus()
    {
        var survivor = Conversation.Start(Guid.NewGuid(), Guid.NewGuid(), T0);
        var other = Conversation.Start(survivor.InboxId, survivor.ContactId, T0);
        other.ChangeStatus(ConversationStatus.Pending, T0);

        other.MergeInto(survivor, T0.AddMinutes(1));
        Assert.Equal((ConversationStatus.Resolved, (Guid?)survivor.Id), (other.Status, other.MergedIntoId));

        other.Unmerge(ConversationStatus.Pending, T0.AddMinutes(2));
        Assert.Equal((ConversationStatus.Pending, (Guid?)null), (other.Status, other.MergedIntoId));
    }

    [Fact]
    public void ActivityTextRoundTripsAndCannotBeShiftedByNames()
    {
        var stored = ActivityText.Assigned("Ana|Admin", "Bruno");
        var (key, args) = ActivityText.Parse(stored);
        Assert.Equal(ActivityText.AssignedKey, key);
        Assert.Equal(["Ana/Admin", "Bruno"], args);
    }

    [Fact]
    public void CursorRoundTripsAndRejectsGarbage()
    {
        var summary = new ConversationSummary(Guid.NewGuid(), Guid.NewGuid(), ConversationStatus.Open, null, new ContactSummary(Guid.NewGuid(), "x"), null, T0, 0, null, Priority.None, null, [], null);
        Assert.True(KeysetCursor.TryDecode(KeysetCursor.Encode(summary.LastActivityAt, summary.Id), out var position));
        Assert.Equal((T0, summary.Id), position);
        Assert.False(KeysetCursor.TryDecode("not-a-cursor", out _));
        Assert.False(KeysetCursor.TryDecode(Convert.ToBase64String("1:2"u8.ToArray()), out _));
    }
}
