using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Conversations;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Data.Configurations;

internal sealed class InboundEventConfiguration : IEntityTypeConfiguration<InboundEvent>
{
    public void Configure(EntityTypeBuilder<InboundEvent> builder)
    {
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Inbox>().WithMany().HasForeignKey(e => e.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.ProviderKey).HasMaxLength(300);
        builder.HasIndex(e => new { e.InboxId, e.ProviderKey }).IsUnique();
        // The worker claims the oldest unprocessed events by id: a partial index keeps that instant however long the history.
        builder.HasIndex(e => e.Id).HasFilter("processed_at IS NULL").HasDatabaseName("ix_inbound_events_unprocessed");
        builder.HasIndex(e => e.ProcessedAt).HasFilter("processed_at IS NOT NULL");
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(o => o.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Message>().WithMany().HasForeignKey(o => o.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => o.MessageId).IsUnique();
        builder.HasIndex(o => new { o.NextAttemptAt, o.Id }).HasFilter("status = 'Pending'").HasDatabaseName("ix_outbox_messages_due");
        builder.HasIndex(o => new { o.ConversationId, o.Id }).HasFilter("status = 'Pending'").HasDatabaseName("ix_outbox_messages_pending_per_conversation");
        builder.Property(o => o.LastError).HasMaxLength(1000);
    }
}
