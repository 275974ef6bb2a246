using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Channels.Inbound;
using Omnichannel.Channels.Instagram;
using Omnichannel.Channels.Outbound;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.Conversations;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels;

public static class ChannelServices
{
    /// <summary>Channel adapters plus the inbound worker and outbox dispatcher they share.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.AddHostedService<InboundEventWorker>();
        services.AddHostedService<OutboxDispatcher>();

        // WhatsApp Cloud API.
        services.AddSingleton<IChannelDefinition, WhatsAppChannel>();
        services.AddMemoryCache();
        services.AddSingleton<WhatsAppInboxes>();
        services.AddScoped<IInboundEventApplier, WhatsAppEventApplier>();
        services.AddScoped<IChannelSender, WhatsAppSender>();
        services.AddHttpClient(WhatsAppSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));

        // Instagram messaging.
        services.AddSingleton<IChannelDefinition, InstagramChannel>();
        services.AddSingleton<InstagramInboxes>();
        services.AddSingleton<IReplyWindow, InstagramWindow>();
        services.AddSingleton<InstagramProfiles>();
        services.AddScoped<IInboundEventApplier, InstagramEventApplier>();
        services.AddScoped<IChannelSender, InstagramSender>();
        services.AddHttpClient(InstagramSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }

    public static IEndpointRouteBuilder MapChannelWebhooks(this IEndpointRouteBuilder endpoints) => endpoints.MapWhatsAppWebhooks().MapInstagramWebhooks();
}
