using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Omnichannel.Contacts;
using Omnichannel.Delivery;
using Omnichannel.Inboxes;

namespace Omnichannel.Channels.WhatsApp;

/// <summary>Sends replies (text, or one stored file uploaded first) with <c>POST {graphApiBaseUrl}/{apiVersion}/{phoneNumberId}/messages</c>.</summary>
public sealed class WhatsAppSender(IHttpClientFactory httpClients, InboxSecrets secrets, WhatsAppMediaSender media) : IChannelSender
{
    public const string HttpClientName = "whatsapp";

    public ChannelType Channel => ChannelType.WhatsApp;

    public bool SendsFiles => true;

    public async Task<SendResult> SendAsync(OutgoingMessage outgoing, CancellationToken cancellationToken)
    {
        var inbox = WhatsAppInbox.From(outgoing.Inbox, secrets);
        // Prefer the phone number as WhatsApp last reported it; contacts known only by username get the business-scoped id.
        var phone = outgoing.Recipient.FirstOrDefault(i => !WhatsAppNumber.IsBusinessScopedUserId(i.ExternalId));
        var userId = outgoing.Recipient.FirstOrDefault(i => WhatsAppNumber.IsBusinessScopedUserId(i.ExternalId));
        if (phone is null && userId is null)
        {
            return SendResult.Permanent("The contact has no WhatsApp number or user id to send to.");
        }

        var to = phone?.Address;
        var recipient = phone is null ? userId!.ExternalId : null;
        var message = outgoing.Message;
        var callback = WhatsAppEvents.CallbackPrefix + message.Id;
        HttpContent body;
        if (outgoing.Attachments?.FirstOrDefault(a => a.StorageKey is not null) is { } attachment)
        {
            var uploaded = await media.UploadAsync(inbox, attachment, cancellationToken);
            if (uploaded.Error is { } uploadError)
            {
                return uploadError;
            }

            body = JsonContent.Create(WhatsAppMediaSender.Request(to, recipient, callback, attachment, uploaded.MediaId!, outgoing.Message.Text), WhatsAppJson.Default.MediaSendRequest);
        }
        else
        {
            var template = message.TemplateName is { } name ? Template(name, message.TemplateLanguage!, message.TemplateParameters ?? []) : null;
            body = JsonContent.Create(
                new SendRequest(
                    "whatsapp", "individual", to, recipient, callback,
                    template is null ? "text" : "template",
                    template is null ? new SendText(message.Text, PreviewUrl: false) : null,
                    template),
                WhatsAppJson.Default.SendRequest);
        }

        using var http = MessagesRequest(inbox, body);

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(http, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Transient($"Could not reach WhatsApp: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Transient("WhatsApp did not answer in time.");
        }

        using (response)
        {
            return await ReadResultAsync(response, cancellationToken);
        }
    }

    /// <summary>A POST to the number's messages endpoint, which takes replies as well as read and typing signals.</summary>
    internal static HttpRequestMessage MessagesRequest(WhatsAppInbox inbox, HttpContent body)
    {
        var url = $"{inbox.Settings.GraphApiBaseUrl}/{inbox.Settings.ApiVersion}/{inbox.Settings.PhoneNumberId}/messages";
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", inbox.Secrets.AccessToken);
        return request;
    }

    /// <summary>Body variables go as text parameters in order; a template without variables sends no components.</summary>
    private static SendTemplate Template(string name, string language, List<string> parameters) => new(
        name,
        new SendTemplateLanguage(language),
        parameters.Count == 0 ? null : [new SendTemplateComponent("body", [.. parameters.Select(p => new SendTemplateParameter("text", p))])]);

    internal static async Task<SendResult> ReadResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var sent = TryRead(body, WhatsAppJson.Default.SendResponse);
            return sent?.Messages?.FirstOrDefault()?.Id is { } id
                ? SendResult.Sent(id)
                : SendResult.Transient("WhatsApp accepted the request but returned no message id.");
        }

        var error = TryRead(body, WhatsAppJson.Default.GraphErrorResponse)?.Error;
        var explained = WhatsAppErrors.Explain(error?.Code, error?.Message, error?.ErrorData?.Details);
        var status = (int)response.StatusCode;
        var code = WhatsAppErrors.Code(error?.Code);
        if (status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || WhatsAppErrors.IsTransient(error?.Code))
        {
            return SendResult.Transient($"HTTP {status} {explained}", RetryAfter(response), code);
        }

        return SendResult.Permanent(error is null ? $"HTTP {status} from WhatsApp" : explained, code);
    }

    /// <summary>Retry-After as seconds or as a date (RFC 9110), if the provider sent one.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > DateTimeOffset.UtcNow => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    internal static T? TryRead<T>(string body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
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
