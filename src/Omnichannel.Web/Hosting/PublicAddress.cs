namespace Omnichannel.Web.Hosting;

/// <summary>
/// Where providers and sites reach this app (webhook URLs, the widget snippet): <c>App:PublicBaseUrl</c>
/// when set (behind a proxy), else the address the caller is using. No trailing slash.
/// </summary>
public static class PublicAddress
{
    public static string BaseUrl(IConfiguration configuration, string callerBaseUrl) =>
        (configuration["App:PublicBaseUrl"] is { Length: > 0 } configured ? configured : callerBaseUrl).TrimEnd('/');

    public static string BaseUrl(IConfiguration configuration, HttpRequest request) =>
        BaseUrl(configuration, $"{request.Scheme}://{request.Host}");
}
