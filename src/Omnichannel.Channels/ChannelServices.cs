using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Omnichannel.Attachments;
using Omnichannel.Channels.Attachments;
using Omnichannel.Channels.Inbound;
using Omnichannel.Channels.Indicators;
using Omnichannel.Channels.Instagram;
using Omnichannel.Channels.Outbound;
using Omnichannel.Channels.WebChat;
using Omnichannel.Channels.WhatsApp;
using Omnichannel.Conversations;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;
using Omnichannel.Indicators;

namespace Omnichannel.Channels;

public static class ChannelServices
{
    /// <summary>Channel adapters plus the inbound worker and outbox dispatcher they share.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.AddHostedService<InboundEventWorker>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddScoped<OutboxRetry>();

        // Read and typing signals toward customers: best-effort, in memory, beside the outbox.
        services.AddHostedService<CustomerSignalWorker>();

        // Attachments: files on disk by default (register another IAttachmentStore to replace it).
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection("Attachments"))
            .PostConfigure<IHostEnvironment>((o, env) => o.Path = Path.GetFullPath(Path.Combine(env.ContentRootPath, o.Path)));
        services.AddSingleton<IAttachmentStore, FileSystemAttachmentStore>();
        services.AddHostedService<AttachmentDownloadWorker>();
        services.AddScoped<ProviderFile>();

        // WhatsApp Cloud API.
        services.AddSingleton<IChannelDefinition, WhatsAppChannel>();
        services.AddMemoryCache();
        services.AddSingleton(s => ConnectedInboxesOf(s, ChannelType.WhatsApp, WhatsAppInbox.From));
        services.AddScoped<IInboundEventApplier, WhatsAppEventApplier>();
        services.AddScoped<IChannelSender, WhatsAppSender>();
        services.AddScoped<WhatsAppMediaSender>();
        services.AddScoped<IAttachmentDownloader, WhatsAppMediaDownloader>();
        services.AddScoped<ICustomerSignalSender, WhatsAppSignalSender>();
        services.AddHttpClient(WhatsAppSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));

        // Instagram messaging.
        services.AddSingleton<IChannelDefinition, InstagramChannel>();
        services.AddSingleton(s => ConnectedInboxesOf(s, ChannelType.Instagram, InstagramInbox.From));
        services.AddSingleton<InstagramProfiles>();
        services.AddScoped<IInboundEventApplier, InstagramEventApplier>();
        services.AddScoped<IChannelSender, InstagramSender>();
        services.AddScoped<ICustomerSignalSender, InstagramSignalSender>();
        services.AddHttpClient(InstagramSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddScoped<IAttachmentDownloader, InstagramMediaDownloader>();
        // The downloader follows redirects itself (counted, http(s) only).
        services.AddHttpClient(InstagramMediaDownloader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        // Web-chat widget: no provider; the visitor's browser is the other end.
        services.AddSingleton<IChannelDefinition, WebChatChannel>();
        services.AddScoped<IChannelSender, WebChatSender>();
        services.AddScoped<WebChatVisitors>();
        return services;
    }

    public static IEndpointRouteBuilder MapChannelWebhooks(this IEndpointRouteBuilder endpoints) => endpoints.MapWhatsAppWebhooks().MapInstagramWebhooks();

    private static ConnectedInboxes<TInbox> ConnectedInboxesOf<TInbox>(IServiceProvider services, ChannelType channel, Func<Inbox, InboxSecrets, TInbox> open)
        where TInbox : class =>
        new(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IMemoryCache>(), channel, open);
}
