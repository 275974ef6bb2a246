using Serilog;
using Serilog.Events;

namespace Omnichannel.Web.Hosting;

public static class Logging
{
    /// <summary>
    /// Serilog from configuration (section <c>Serilog</c>), console by default. Each host keeps its own
    /// logger instead of replacing the static <c>Log.Logger</c>: test hosts run side by side in one process.
    /// </summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
        return builder;
    }
}
