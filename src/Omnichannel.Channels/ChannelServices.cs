using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Channels.Inbound;
using Omnichannel.Channels.Outbound;
using Omnichannel.Channels.WebChat;
using Omnichannel.Channels.WhatsApp;
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

        // Web-chat widget: no provider; the visitor's browser is the other end.
        services.AddSingleton<IChannelDefinition, WebChatChannel>();
        services.AddScoped<IChannelSender, WebChatSender>();
        services.AddScoped<WebChatVisitors>();
        return services;
    }

    public static IEndpointRouteBuilder MapChannelWebhooks(this IEndpointRouteBuilder endpoints) => endpoints.MapWhatsAppWebhooks();
}
