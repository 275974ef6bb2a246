using System.Net.Http.Headers;
using System.Text.Json;

namespace Omnichannel.Channels.Instagram;

/// <summary>
/// Looks up a customer's name with <c>GET /{version}/{IGSID}?fields=name,username</c>. Only for new
/// contacts and with a short timeout: a slow or refused lookup just leaves the IGSID as the name.
/// </summary>
public sealed class InstagramProfiles(IHttpClientFactory httpClients)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<string?> NameAsync(InstagramInbox inbox, string igsid, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var url = $"{inbox.Settings.GraphApiBaseUrl}/{inbox.Settings.ApiVersion}/{Uri.EscapeDataString(igsid)}?fields=name,username";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", inbox.Secrets.AccessToken);
        try
        {
            using var response = await httpClients.CreateClient(InstagramSender.HttpClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var profile = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(timeout.Token), InstagramJson.Default.IgProfile);
            return !string.IsNullOrWhiteSpace(profile?.Name) ? profile.Name
                : !string.IsNullOrWhiteSpace(profile?.Username) ? "@" + profile.Username
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
