using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Inboxes;
using Omnichannel.Templates;

namespace Omnichannel.Data.Configurations;

internal sealed class TemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.HasOne<Inbox>().WithMany().HasForeignKey(t => t.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Name).HasMaxLength(512);
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.Header).HasMaxLength(60);
        builder.Property(t => t.Body).HasMaxLength(1024);
        builder.Property(t => t.Footer).HasMaxLength(60);

        // Meta identifies a template by name and language within the business account.
        builder.HasIndex(t => new { t.InboxId, t.Name, t.Language }).IsUnique();
    }
}
