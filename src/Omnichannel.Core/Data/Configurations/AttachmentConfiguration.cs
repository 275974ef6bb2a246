using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Attachments;
using Omnichannel.Conversations;

namespace Omnichannel.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> builder)
    {
        builder.ToTable("message_attachments");
        builder.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ContentType).HasMaxLength(200);
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.StorageKey).HasMaxLength(300);
        builder.Property(a => a.ProviderMediaId).HasMaxLength(200);
        // CDN URLs carry long signatures.
        builder.Property(a => a.SourceUrl).HasMaxLength(4000);
        builder.Property(a => a.Title).HasMaxLength(500);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.Ignore(a => a.IsFile);

        builder.HasIndex(a => a.MessageId);
        // The download worker's queue: only pending downloads, oldest due first.
        builder.HasIndex(a => a.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_message_attachments_pending");
    }
}
