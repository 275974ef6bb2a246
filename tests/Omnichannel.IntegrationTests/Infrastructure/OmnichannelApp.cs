using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Omnichannel.IntegrationTests.Infrastructure;

/// <summary>The real web host on a test database, with the bootstrap admin and fast outbox retries.</summary>
public sealed class OmnichannelApp(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "admin-password-1";
    public const string AdminToken = "omni_test_admin_token_0123456789";

    public string ConnectionString => connectionString;

    /// <summary>A private attachment store per app, so tests can look at (and count) the stored files.</summary>
    public string AttachmentsPath { get; } = Path.Combine(Path.GetTempPath(), "omnichannel-attachments-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Serve wwwroot, _framework and _content/* from the build output as `dotnet run` does in Development.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Bootstrap:AdminApiToken", AdminToken);
        builder.UseSetting("Outbox:RetryBaseDelay", "00:00:00.100");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Attachments:Path", AttachmentsPath);
        builder.UseSetting("Attachments:DownloadRetryBaseDelay", "00:00:00.100");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
