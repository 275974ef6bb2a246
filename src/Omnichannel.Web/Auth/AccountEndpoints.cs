using Omnichannel.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Omnichannel.Agents;

namespace Omnichannel.Web.Auth;

/// <summary>Cookie sign-in for the browser inbox: a plain form post (antiforgery-checked), then a redirect.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", async ([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<User> signIn, HttpContext context) =>
        {
            var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: true, lockoutOnFailure: true);
            if (!result.Succeeded)
            {
                var reason = result.IsLockedOut ? "locked" : "invalid";
                return Results.LocalRedirect($"/login?error={reason}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
            }

            // The language the user chose in their profile wins over this browser's; unset, the browser's stays.
            if (await signIn.UserManager.FindByNameAsync(email.Trim()) is { Culture: { } culture })
            {
                UiCultures.Remember(context.Response, culture);
            }

            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        });
        account.MapPost("/logout", async (SignInManager<User> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).RequireAuthorization();
        account.MapGet("/culture", (string culture, string? returnUrl, HttpContext context) =>
        {
            UiCultures.Remember(context.Response, culture);
            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        });

        // After a profile change in the UI (a Blazor circuit cannot set cookies): the new name into the
        // sign-in cookie, the profile's language into the culture cookie, then back to the page.
        account.MapGet("/apply-profile", async (string? returnUrl, SignInManager<User> signIn, HttpContext context) =>
        {
            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signIn.RefreshSignInAsync(user);
                if (user.Culture is { } culture)
                {
                    UiCultures.Remember(context.Response, culture);
                }
            }

            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        }).RequireAuthorization();
        return endpoints;
    }

    /// <summary>Only local paths: an attacker-supplied returnUrl must not redirect off-site.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
