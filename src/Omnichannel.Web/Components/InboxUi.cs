using MudBlazor.Services;
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
        return services;
    }
}
