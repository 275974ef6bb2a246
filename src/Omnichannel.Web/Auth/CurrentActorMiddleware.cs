using Omnichannel.Common;

namespace Omnichannel.Web.Auth;

public static class CurrentActorMiddleware
{
    /// <summary>Fills the request scope's <see cref="CurrentActor"/> from the authenticated user.</summary>
    public static IApplicationBuilder UseCurrentActor(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (UserClaims.ActorOf(context.User) is { } actor)
        {
            context.RequestServices.GetRequiredService<CurrentActor>().Set(actor);
        }

        await next(context);
    });
}
