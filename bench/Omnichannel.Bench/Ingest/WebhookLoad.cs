using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Omnichannel.Channels.WhatsApp;

namespace Omnichannel.Bench;

/// <summary>
/// The pipeline under test: signed webhooks POSTed over a real socket by <c>concurrency</c> senders.
/// Acknowledged = the last 200 came back; applied = every message is a committed row in <c>messages</c>.
/// </summary>
public static class WebhookLoad
{
    public static async Task<PipelineRound> RunAsync(BenchHost host, BenchInbox inbox, IReadOnlyList<SignedWebhook> webhooks, int concurrency)
    {
        var before = await host.CountMessagesAsync(inbox.Id);
        var latencies = new double[webhooks.Count];
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(SendAsync)));
        var acknowledged = Stopwatch.GetElapsedTime(start);
        var appliedAtAck = await host.CountMessagesAsync(inbox.Id) - before;
        await host.WaitForMessagesAsync(inbox.Id, before + webhooks.Count, TimeSpan.FromSeconds(60 + (webhooks.Count / 20)));
        var applied = Stopwatch.GetElapsedTime(start);
        return new PipelineRound(webhooks.Count, acknowledged, applied, appliedAtAck, new Latencies(latencies));

        async Task SendAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < webhooks.Count)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, WhatsAppChannel.WebhookRoute) { Content = new ByteArrayContent(webhooks[i].Body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add(MetaSignature.Header, webhooks[i].Signature);
                var sent = Stopwatch.GetTimestamp();
                using var response = await host.Webhooks.SendAsync(request);
                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"Webhook {webhooks[i].Wamid} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
    }
}
