using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Omnichannel.Web.Components.Conversations;
using Omnichannel.Web.Components.Live;
using Omnichannel.Web.Components.Shared;
using Omnichannel.Web.Demo;
using Omnichannel.Web.Localization;

namespace Omnichannel.Web.Components;

public static class InboxUi
{
    public static IServiceCollection AddInboxUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddUiLocalization();
        services.AddScoped<ActivityFormatter>();
        services.AddScoped<UseCases>();
        services.AddScoped<DemoWorkspace>();

        // Per circuit (one browser tab): its live events, the agent's time zone.
        services.AddScoped<LiveInbox>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, ReconnectCatchUp>());
        services.AddScoped<BrowserClock>();
        services.AddScoped<TimeText>();
        services.AddScoped<KeyboardShortcuts>();
        return services;
    }
}
