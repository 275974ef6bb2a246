using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Agents;
using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Inboxes;
using Omnichannel.Labels;
using Omnichannel.Teams;

namespace Omnichannel.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasOne<Inbox>().WithMany().HasForeignKey(c => c.InboxId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Contact).WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Labels).WithOne().HasForeignKey(l => l.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.LastMessageText).HasMaxLength(200);
        builder.Property(c => c.Version).IsRowVersion();

        // The list is keyset-paginated newest-activity-first, optionally within one inbox.
        builder.HasIndex(c => new { c.LastActivityAt, c.Id }).IsDescending();
        builder.HasIndex(c => new { c.InboxId, c.LastActivityAt, c.Id }).IsDescending(false, true, true);
        builder.HasIndex(c => new { c.ContactId, c.InboxId });
        // "Mine" and "unassigned" read in list order; the counters read one covering index (docs/benchmarks.md).
        builder.HasIndex(c => new { c.AssigneeId, c.Status, c.LastActivityAt, c.Id }).IsDescending(false, false, true, true);
        builder.HasIndex(c => new { c.Status, c.LastActivityAt, c.Id }, "Unassigned")
            .HasDatabaseName("ix_conversations_unassigned")
            .IsDescending(false, true, true)
            .HasFilter("assignee_id IS NULL AND merged_into_id IS NULL");
        builder.HasIndex(c => new { c.Status, c.InboxId }, "Counts")
            .HasDatabaseName("ix_conversations_counts")
            .IncludeProperties(c => new { c.AssigneeId, c.LastIncomingAt, c.Id })
            .HasFilter("merged_into_id IS NULL");
        builder.HasIndex(c => c.TeamId);
        builder.HasIndex(c => c.SnoozedUntil).HasFilter("status = 'Snoozed'").HasDatabaseName("ix_conversations_snoozed");

        // At most one unresolved conversation per contact and inbox, even under concurrent webhooks.
        builder.HasIndex(c => new { c.InboxId, c.ContactId })
            .IsUnique()
            .HasFilter("status <> 'Resolved'")
            .HasDatabaseName("ix_conversations_one_active_per_contact");
    }
}

internal sealed class ConversationLabelConfiguration : IEntityTypeConfiguration<ConversationLabel>
{
    public void Configure(EntityTypeBuilder<ConversationLabel> builder)
    {
        builder.HasKey(l => new { l.ConversationId, l.LabelId });
        // Covering, so a label filter can start from the label's conversations without touching this table.
        builder.HasIndex(l => new { l.LabelId, l.ConversationId });
        builder.HasOne(l => l.Label).WithMany().HasForeignKey(l => l.LabelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationReadConfiguration : IEntityTypeConfiguration<ConversationRead>
{
    public void Configure(EntityTypeBuilder<ConversationRead> builder)
    {
        builder.HasKey(r => new { r.ConversationId, r.UserId });
        // Covering: unread counters hash-join one agent's markers read from the index alone.
        builder.HasIndex(r => new { r.UserId, r.ConversationId }).IncludeProperties(r => r.LastReadAt);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationMergeConfiguration : IEntityTypeConfiguration<ConversationMerge>
{
    public void Configure(EntityTypeBuilder<ConversationMerge> builder)
    {
        builder.HasIndex(m => m.MergedId);
        builder.HasIndex(m => m.SurvivorId);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Version).IsRowVersion();
        builder.Property(m => m.ReceivedAt).HasDefaultValueSql("now()");

        // Full-text search in Portuguese and English, accent-insensitive (configurations created by
        // the AgentWorkday migration). Activity lines are not searchable.
        builder.Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector")
            .HasComputedColumnSql("CASE WHEN kind = 'Activity' THEN NULL ELSE to_tsvector('omni_pt'::regconfig, text) || to_tsvector('omni_en'::regconfig, text) END", stored: true);
        builder.HasIndex("SearchVector").HasMethod("gin");
        builder.Property(m => m.Error).HasMaxLength(1000);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(200);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(200);
        builder.Property(m => m.ErrorCode).HasMaxLength(32);
        builder.Property(m => m.TemplateName).HasMaxLength(512);
        builder.Property(m => m.TemplateLanguage).HasMaxLength(16);
        builder.Property(m => m.Reaction).HasMaxLength(Message.ReactionMaxLength);
        builder.HasIndex(m => new { m.ConversationId, m.CreatedAt, m.Id });

        // Exactly one message per provider id per inbox: the database enforces webhook idempotency.
        builder.HasIndex(m => new { m.InboxId, m.ProviderMessageId }).IsUnique().HasFilter("provider_message_id IS NOT NULL");
        builder.HasIndex(m => new { m.AuthorId, m.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
    }
}
