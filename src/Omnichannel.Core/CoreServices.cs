using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Omnichannel.Agents;
using Omnichannel.Common;
using Omnichannel.Contacts;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;
using Omnichannel.Realtime;
using Omnichannel.Routing;

namespace Omnichannel;

public static class CoreServices
{
    /// <summary>Domain, persistence and live events. The mediator itself is generated in the web host.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services, string connectionString)
    {
        // Created by the container so that disposing it closes the pool (tests drop databases).
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString) { Name = "omnichannel" }.Build());
        services.AddDbContext<OmnichannelDb>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // A failed save is usually an expected conflict (a duplicate name becomes a 409); whoever
            // does not handle the exception logs it, so EF's own error lines would only be noise.
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug))));

        // The key ring lives in PostgreSQL so encrypted inbox secrets survive restarts and work on every instance.
        services.AddDataProtection().SetApplicationName("Omnichannel").PersistKeysToDbContext<OmnichannelDb>();

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentActor>();
        services.AddScoped<InboxAccess>();
        services.AddScoped<InboxSecrets>();
        services.AddScoped<ContactDirectory>();
        services.AddScoped<CustomerMessages>();
        services.AddScoped<Attachments.AttachmentIntake>();
        services.AddScoped<Users>();
        services.AddScoped<FirstAdmin>();
        services.AddScoped<AgentPresence>();
        services.AddScoped<AutoAssignment>();
        services.AddScoped<Indicators.CustomerSignals>();
        services.AddSingleton<Indicators.CustomerSignalQueue>();
        services.AddSingleton<Indicators.TypingThrottle>();
        services.AddHostedService<SnoozeAlarm>();

        services.AddSingleton<InboundWork>();
        services.AddSingleton<OutboxWork>();
        services.AddSingleton<InboundEventStore>();
        services.AddSingleton<InboxFeed>();
        services.AddSingleton<ConversationWatchers>();
        services.AddHostedService<InboxEventListener>();

        services.AddValidatorsFromAssemblyContaining<OmnichannelDb>(ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }
}
