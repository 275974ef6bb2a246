using Omnichannel;
using Omnichannel.Channels;
using Omnichannel.Web.Auth;
using Omnichannel.Web.Components;
using Omnichannel.Web.Demo;
using Omnichannel.Web.Endpoints;
using Omnichannel.Web.Hosting;
using Omnichannel.Web.Realtime;
using Omnichannel.Web.WebChat;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.AddLogging();
builder.Services.AddCore(builder.Configuration.GetConnectionString("Default")
    ?? throw new InvalidOperationException("ConnectionStrings:Default is not set (scripts/run.sh provisions a local PostgreSQL)."));
builder.Services.AddChannels(builder.Configuration);
builder.Services.AddUseCases();
builder.Services.AddAccounts();
builder.Services.AddApi();
builder.Services.AddInboxUi();
builder.Services.AddRealtime();
builder.Services.AddWidget();
builder.Services.AddDemo(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();

app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLocalization();
app.UseCors();
app.UseWidget();
app.UseAuthentication();
app.UseAuthorization();
app.UseCurrentActor();
app.UseAntiforgery();

app.MapHealth();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapApi();
app.MapAccountEndpoints();
app.MapChannelWebhooks();
if (app.Configuration.GetValue<bool>("Demo:Seed"))
{
    app.MapDemoGraphApi();
}

app.MapHub<InboxHub>(InboxHub.Route);
app.MapWidget();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
