using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Omnichannel.Web.Localization;

/// <summary>The UI speaks Brazilian Portuguese (default) and English; the choice comes from a cookie, else the browser.</summary>
public static class UiCultures
{
    public static readonly string[] Supported = ["pt-BR", "en"];

    public static IServiceCollection AddUiLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Supported[0]).AddSupportedCultures(Supported).AddSupportedUICultures(Supported);
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static bool IsPortuguese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "pt";

    /// <summary>Makes this browser use <paramref name="culture"/> from the next request on (the cookie the request pipeline reads first).</summary>
    public static void Remember(HttpResponse response, string culture)
    {
        if (!Supported.Contains(culture))
        {
            return;
        }

        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax, IsEssential = true });
    }
}
