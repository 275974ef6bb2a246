using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Agents;
using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Inboxes;

namespace Omnichannel.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasOne<Inbox>().WithMany().HasForeignKey(c => c.InboxId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(c => c.LastMessageText).HasMaxLength(200);
        builder.Property(c => c.Version).IsRowVersion();

        // The list is keyset-paginated newest-activity-first, optionally within one inbox.
        builder.HasIndex(c => new { c.LastActivityAt, c.Id }).IsDescending();
        builder.HasIndex(c => new { c.InboxId, c.LastActivityAt, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.ContactId, c.InboxId });

        // At most one unresolved conversation per contact and inbox, even under concurrent webhooks.
        builder.HasIndex(c => new { c.InboxId, c.ContactId })
            .IsUnique()
            .HasFilter("status <> 'Resolved'")
            .HasDatabaseName("ix_conversations_one_active_per_contact");
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Version).IsRowVersion();
        builder.Property(m => m.Error).HasMaxLength(1000);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(200);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(m => new { m.ConversationId, m.CreatedAt, m.Id });

        // Exactly one message per provider id per inbox: the database enforces webhook idempotency.
        builder.HasIndex(m => new { m.InboxId, m.ProviderMessageId }).IsUnique().HasFilter("provider_message_id IS NOT NULL");
        builder.HasIndex(m => new { m.AuthorId, m.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
    }
}
