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
        builder.Property(c => c.Email).HasMaxLength(320);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.PhoneKey).HasMaxLength(40);
        builder.Property(c => c.Notes).HasMaxLength(10_000);
        builder.Property(c => c.CustomAttributes).HasColumnType("jsonb");
        builder.HasOne<Contact>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.PhoneKey);
        builder.HasIndex(c => c.Email);

        // Name/e-mail search (accent-insensitive words) and phone search (any run of digits).
        builder.Property<NpgsqlTypes.NpgsqlTsVector>("SearchVector")
            .HasComputedColumnSql("to_tsvector('omni_simple'::regconfig, coalesce(name, '') || ' ' || coalesce(email, ''))", stored: true);
        builder.HasIndex("SearchVector").HasMethod("gin");
        builder.HasIndex(c => c.PhoneKey).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_contacts_phone_key_trgm");
        builder.HasMany(c => c.Identities).WithOne().HasForeignKey(i => i.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactMergeConfiguration : IEntityTypeConfiguration<ContactMerge>
{
    public void Configure(EntityTypeBuilder<ContactMerge> builder)
    {
        builder.Property(m => m.Snapshot).HasColumnType("jsonb");
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedId);
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
        builder.HasIndex(i => i.ExternalId).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_contact_identities_external_id_trgm");
    }
}
