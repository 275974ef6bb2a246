using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Omnichannel.Agents;
using Omnichannel.Inboxes;

namespace Omnichannel.Data.Configurations;

internal sealed class InboxConfiguration : IEntityTypeConfiguration<Inbox>
{
    public void Configure(EntityTypeBuilder<Inbox> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.RoutingKey).HasMaxLength(200);
        builder.Property(i => i.Settings).HasColumnType("jsonb");
        builder.HasIndex(i => new { i.Channel, i.RoutingKey }).IsUnique();
        builder.HasMany(i => i.Members).WithOne().HasForeignKey(m => m.InboxId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboxMemberConfiguration : IEntityTypeConfiguration<InboxMember>
{
    public void Configure(EntityTypeBuilder<InboxMember> builder)
    {
        builder.HasKey(m => new { m.InboxId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
