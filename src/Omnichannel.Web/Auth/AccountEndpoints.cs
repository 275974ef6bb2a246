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
        account.MapPost("/login", async ([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<User> signIn) =>
        {
            var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: true, lockoutOnFailure: true);
            if (!result.Succeeded)
            {
                var reason = result.IsLockedOut ? "locked" : "invalid";
                return Results.LocalRedirect($"/login?error={reason}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
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
            if (UiCultures.Supported.Contains(culture))
            {
                context.Response.Cookies.Append(
                    Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                    Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax, IsEssential = true });
            }

            return Results.LocalRedirect(SafeReturnUrl(returnUrl));
        });
        return endpoints;
    }

    /// <summary>Only local paths: an attacker-supplied returnUrl must not redirect off-site.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
