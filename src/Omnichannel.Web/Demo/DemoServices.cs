namespace Omnichannel.Web.Demo;

public static class DemoServices
{
    /// <summary>The customer simulator, registered only when <c>Demo:Simulator</c> is true (scripts/run.sh turns it on with the demo).</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CustomerSimulatorOptions>(configuration.GetSection("Demo"));
        if (configuration.GetValue<bool>("Demo:Simulator"))
        {
            services.AddHostedService<CustomerSimulatorWorker>();
        }

        return services;
    }
}
