using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Contacts;

namespace Omnichannel.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.AvatarUrl).HasMaxLength(2000);
        builder.HasMany(c => c.Identities).WithOne().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactIdentityConfiguration : IEntityTypeConfiguration<ContactIdentity>
{
    public void Configure(EntityTypeBuilder<ContactIdentity> builder)
    {
        builder.Property(i => i.ExternalId).HasMaxLength(320);
        builder.Property(i => i.Address).HasMaxLength(320);
        // One identity per channel: the same WhatsApp number can never become two contacts.
        builder.HasIndex(i => new { i.Channel, i.ExternalId }).IsUnique();
        builder.HasIndex(i => i.ContactId);
    }
}
