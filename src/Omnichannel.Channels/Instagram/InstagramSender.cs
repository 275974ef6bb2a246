using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Conversations;
using Omnichannel.Data;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.Instagram;

/// <summary>
/// Sends text replies with <c>POST {graphApiBaseUrl}/{apiVersion}/{instagramAccountId}/messages</c>.
/// Between 24 h and 7 days after the customer's last message the reply carries the HUMAN_AGENT tag;
/// past that it fails here, without calling Instagram (the reply use case refuses it earlier too).
/// </summary>
public sealed class InstagramSender(IHttpClientFactory httpClients, InboxSecrets secrets, OmnichannelDb db, TimeProvider clock) : IChannelSender
{
    public const string HttpClientName = "instagram";

    public ChannelType Channel => ChannelType.Instagram;

    /// <summary>Meta takes Instagram files only by a public URL, and ours are private to the inbox.</summary>
    public bool SendsFiles => false;

    public async Task<SendResult> SendAsync(OutgoingMessage outgoing, CancellationToken cancellationToken)
    {
        var inbox = InstagramInbox.From(outgoing.Inbox, secrets);
        if (outgoing.Recipient.Count == 0)
        {
            return SendResult.Permanent("The contact has no Instagram id to send to.");
        }

        var lastIncomingAt = await db.Conversations.Where(c => c.Id == outgoing.Message.ConversationId).Select(c => c.LastIncomingAt).FirstOrDefaultAsync(cancellationToken);
        // Checked again at send time: the reply may have waited in the outbox while the window moved on.
        var window = ReplyWindow.For(ChannelType.Instagram, lastIncomingAt, clock.GetUtcNow());
        if (window.Allowance == ReplyAllowance.Nothing)
        {
            return SendResult.Permanent("Instagram only accepts replies up to 7 days after the customer's last message. Wait for the customer to write again.");
        }

        var tagged = window.Allowance == ReplyAllowance.HumanAgentTag;
        var request = new IgSendRequest(new IgParty(outgoing.Recipient[0].ExternalId), new IgSendText(outgoing.Message.Text), tagged ? "MESSAGE_TAG" : null, tagged ? "HUMAN_AGENT" : null);
        using var http = MessagesRequest(inbox, JsonContent.Create(request, InstagramJson.Default.IgSendRequest));

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(http, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Transient($"Could not reach Instagram: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient("Instagram did not answer in time.");
        }

        using (response)
        {
            return await ReadResultAsync(response, cancellationToken);
        }
    }

    /// <summary>A POST to the account's messages endpoint, which takes replies as well as sender actions (seen, typing).</summary>
    internal static HttpRequestMessage MessagesRequest(InstagramInbox inbox, HttpContent body)
    {
        var url = $"{inbox.Settings.GraphApiBaseUrl}/{inbox.Settings.ApiVersion}/{inbox.Settings.InstagramAccountId}/messages";
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", inbox.Secrets.AccessToken);
        return request;
    }

    private static async Task<SendResult> ReadResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return TryRead(body, InstagramJson.Default.IgSendResponse)?.MessageId is { Length: > 0 } mid
                ? SendResult.Sent(mid)
                : SendResult.Transient("Instagram accepted the request but returned no message id.");
        }

        var error = TryRead(body, InstagramJson.Default.IgErrorResponse)?.Error;
        var status = (int)response.StatusCode;
        var explained = error is null ? $"HTTP {status} from Instagram" : InstagramErrors.Explain(error.Code, error.Subcode, error.Message);
        if (status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || InstagramErrors.IsTransient(error?.Code))
        {
            return SendResult.Transient(explained, response.Headers.RetryAfter?.Delta);
        }

        return SendResult.Permanent(explained);
    }

    private static T? TryRead<T>(string body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
