using Microsoft.EntityFrameworkCore;
using Omnichannel.Agents;
using Omnichannel.Data;
using Omnichannel.Web.Demo;

namespace Omnichannel.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// Before serving: apply migrations (EF takes a database lock, so concurrent instances are safe),
    /// create the first admin from <c>Bootstrap:*</c>, and seed the demo workspace when <c>Demo:Seed</c> is true.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<OmnichannelDb>().Database.MigrateAsync();

        var bootstrap = app.Configuration.GetSection("Bootstrap").Get<BootstrapOptions>() ?? new BootstrapOptions();
        await services.GetRequiredService<FirstAdmin>().EnsureAsync(bootstrap, CancellationToken.None);

        if (app.Configuration.GetValue<bool>("Demo:Seed"))
        {
            await services.GetRequiredService<DemoWorkspace>().SeedAsync(CancellationToken.None);
        }
    }
}
