using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Agents;
using Omnichannel.Attachments;
using Omnichannel.CannedResponses;
using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;
using Omnichannel.Labels;
using Omnichannel.Notifications;
using Omnichannel.Realtime;
using Omnichannel.Teams;
using Omnichannel.Templates;

namespace Omnichannel.Data;

public sealed class OmnichannelDb(DbContextOptions<OmnichannelDb> options)
    : IdentityUserContext<User, Guid>(options), IDataProtectionKeyContext
{
    private readonly List<InboxEvent> _pendingEvents = [];

    public DbSet<Inbox> Inboxes => Set<Inbox>();

    public DbSet<InboxMember> InboxMembers => Set<InboxMember>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<ContactIdentity> ContactIdentities => Set<ContactIdentity>();

    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<InboundEvent> InboundEvents => Set<InboundEvent>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<Label> Labels => Set<Label>();

    public DbSet<ConversationLabel> ConversationLabels => Set<ConversationLabel>();

    public DbSet<CannedResponse> CannedResponses => Set<CannedResponse>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ConversationRead> ConversationReads => Set<ConversationRead>();

    public DbSet<ConversationMerge> ConversationMerges => Set<ConversationMerge>();

    public DbSet<ContactMerge> ContactMerges => Set<ContactMerge>();

    public DbSet<AgentConnection> AgentConnections => Set<AgentConnection>();

    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();

    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();

    public DbSet<WebChat.WebChatVisitor> WebChatVisitors => Set<WebChat.WebChatVisitor>();

    /// <summary>
    /// Queues a live event; it is sent with PostgreSQL NOTIFY inside the transaction of the next
    /// <see cref="SaveChangesAsync(CancellationToken)"/>, so it reaches listeners only if that commits.
    /// </summary>
    public void Publish(InboxEvent inboxEvent) => _pendingEvents.Add(inboxEvent);

    /// <summary>
    /// While true, saves keep queued events instead of notifying; <see cref="PublishHeldEventsAsync"/>
    /// sends them all at once (batch work: one NOTIFY statement per transaction, not per save).
    /// </summary>
    public bool HoldEvents { get; set; }

    /// <summary>How many events are queued; with <see cref="DropEventsSince"/> a caller can discard what a failed step queued.</summary>
    public int QueuedEventCount => _pendingEvents.Count;

    public void DropEventsSince(int count) => _pendingEvents.RemoveRange(count, _pendingEvents.Count - count);

    public async Task PublishHeldEventsAsync(CancellationToken cancellationToken)
    {
        if (_pendingEvents.Count > 0)
        {
            await NotifyAsync(cancellationToken);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_pendingEvents.Count == 0 || HoldEvents)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await NotifyAsync(cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        catch
        {
            // The events describe changes that did not commit: they must not leak into a later save.
            _pendingEvents.Clear();
            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        var payloads = _pendingEvents.Distinct().Select(e => JsonSerializer.Serialize(e, RealtimeJson.Default.InboxEvent)).ToArray();
        _pendingEvents.Clear();
        await Database.ExecuteSqlAsync($"SELECT pg_notify({InboxEventListener.Channel}, p) FROM unnest({payloads}) AS p", cancellationToken);
    }

    /// <summary>Synchronous saves exist for the Data Protection key ring only; they cannot publish events.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => _pendingEvents.Count == 0
        ? base.SaveChanges(acceptAllChangesOnSuccess)
        : throw new NotSupportedException("Use SaveChangesAsync: it also publishes live events.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OmnichannelDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as readable text: the SQL stays greppable and adding a value needs no renumbering.
        configurationBuilder.Properties<Role>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ChannelType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ConversationStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MessageDirection>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<MessageKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OutboxStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Priority>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Availability>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NotificationKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TemplateCategory>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TemplateStatus>().HaveConversion<string>().HaveMaxLength(16);
    }
}
