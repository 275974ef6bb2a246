using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Contacts;
using Omnichannel.Inboxes;
using Omnichannel.WebChat;

namespace Omnichannel.Data.Configurations;

internal sealed class WebChatVisitorConfiguration : IEntityTypeConfiguration<WebChatVisitor>
{
    public void Configure(EntityTypeBuilder<WebChatVisitor> builder)
    {
        builder.Property(v => v.TokenHash).HasMaxLength(64);
        builder.HasIndex(v => v.TokenHash).IsUnique();
        builder.Property(v => v.Identity).HasMaxLength(320);
        builder.Property(v => v.Name).HasMaxLength(ContactDirectory.MaxNameLength);
        builder.Property(v => v.Email).HasMaxLength(320);
        builder.HasIndex(v => v.ContactId);
        builder.HasOne<Inbox>().WithMany().HasForeignKey(v => v.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contact>().WithMany().HasForeignKey(v => v.ContactId).OnDelete(DeleteBehavior.SetNull);
    }
}
