using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Omnichannel.Web.Auth;
using Omnichannel.Web.WebChat;

namespace Omnichannel.Web.Endpoints;

public static class Api
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        // Malformed bodies raise BadHttpRequestException, which ProblemMapping turns into problem+json.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Omnichannel API";
            document.Info.Description = "Bearer-token API of the Omnichannel inbox. Errors are RFC 7807 problem+json.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(AccountServices.ApiPolicy).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapUsers();
        api.MapInboxes();
        api.MapConversations();
        api.MapTeams();
        api.MapLabels();
        api.MapCannedResponses();
        api.MapAgents();
        api.MapNotifications();
        api.MapContacts();
        api.MapSearch();
        api.MapConversationMerges();
        api.MapAttachments(endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Omnichannel.Attachments.AttachmentOptions>>().Value.LargestFile);
        endpoints.MapAttachmentDownloads();
        api.MapTemplates();
        api.MapWebChatInboxes();
        return endpoints;
    }
}
