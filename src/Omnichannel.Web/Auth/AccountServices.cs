using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Omnichannel.Agents;
using Omnichannel.Data;

namespace Omnichannel.Web.Auth;

public static class AccountServices
{
    /// <summary>Browser users sign in with a cookie; the API and hub clients use bearer tokens.</summary>
    public const string ApiPolicy = "api";
    public const string AdminApiPolicy = "api-admin";
    public const string HubPolicy = "hub";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<User>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<OmnichannelDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<UserClaims>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = "cookie-or-token";
                options.DefaultChallengeScheme = "cookie-or-token";
            })
            .AddPolicyScheme("cookie-or-token", null, options => options.ForwardDefaultSelector = context =>
                ApiTokenAuthentication.HasToken(context.Request) ? ApiTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/login";
                options.AccessDeniedPath = "/access-denied";
                options.Cookie.Name = "omnichannel.auth";
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromDays(7);
                // Scripts (the API, SignalR's negotiate) get a status code; only pages are sent to the login page.
                options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            }));

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(AdminApiPolicy, policy => policy.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireRole(Roles.Admin))
            .AddPolicy(HubPolicy, policy => policy
                .AddAuthenticationSchemes("cookie-or-token")
                .RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
