using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Omnichannel.Data;
using Omnichannel.Inboxes;
using Omnichannel.Web.Demo;

namespace Omnichannel.Web.WebChat;

/// <summary>
/// <c>/widget-demo</c>: a pretend shop page with the widget snippet of the demo web-chat inbox (or the
/// inbox named by <c>?inbox=</c>, or else the oldest web-chat inbox), so anyone can chat with themselves.
/// Only the public inbox token appears on it, as on any real site. Its text follows the request's
/// culture (cookie, then Accept-Language), like the inbox; the widget follows the inbox's language.
/// </summary>
public static class WidgetDemoPage
{
    public const string Route = "/widget-demo";

    public static void MapWidgetDemo(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, async (string? inbox, OmnichannelDb db, HttpRequest request, IConfiguration configuration, IStringLocalizer<UiText> text, CancellationToken ct) =>
        {
            var webChats = db.Inboxes.AsNoTracking().Where(i => i.Channel == ChannelType.WebChat);
            var token = inbox is { Length: > 0 }
                ? await webChats.Where(i => i.RoutingKey == inbox).Select(i => i.RoutingKey).FirstOrDefaultAsync(ct)
                : await webChats.OrderByDescending(i => i.Name == DemoWorkspace.WebChatInboxName).ThenBy(i => i.CreatedAt).Select(i => i.RoutingKey).FirstOrDefaultAsync(ct);
            var snippet = token is null
                ? $"<p class=\"missing\">{Html.Encode(text["WidgetDemo.NoInbox"])}</p>"
                : WebChatInboxEndpoints.Snippet(Hosting.PublicAddress.BaseUrl(configuration, request), token);
            return Results.Content(Page(snippet, text), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

    // Portuguese text stays readable in the page source; markup characters are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Page(string snippet, IStringLocalizer<UiText> text) => $$"""
        <!doctype html>
        <html lang="{{CultureInfo.CurrentUICulture.Name}}">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Loja Demo — {{Html.Encode(text["WidgetDemo.Title"])}}</title>
          <style>
            body { font-family: system-ui, sans-serif; margin: 0; background: #faf7f2; color: #222; }
            header { background: #3b2f2f; color: #fff; padding: 18px 32px; font-size: 22px; font-weight: 600; }
            main { max-width: 900px; margin: 32px auto; padding: 0 24px; }
            .products { display: grid; grid-template-columns: repeat(3, 1fr); gap: 20px; }
            .product { background: #fff; border-radius: 10px; padding: 18px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
            .product .photo { height: 120px; border-radius: 8px; background: linear-gradient(135deg, #e9d8c4, #c9a98a); margin-bottom: 12px; }
            .price { color: #1f6feb; font-weight: 600; }
            .missing { background: #fff3cd; padding: 12px; border-radius: 8px; }
          </style>
        </head>
        <body>
          <header>Loja Demo</header>
          <main>
            <p>{{Html.Encode(text["WidgetDemo.Intro"])}}</p>
            <div class="products">
              <div class="product"><div class="photo"></div>Camiseta básica<br><span class="price">R$ 59,90</span></div>
              <div class="product"><div class="photo"></div>Tênis de corrida<br><span class="price">R$ 349,00</span></div>
              <div class="product"><div class="photo"></div>Mochila urbana<br><span class="price">R$ 189,00</span></div>
            </div>
            <pre id="snippet" style="white-space: pre-wrap; background: #fff; padding: 12px; border-radius: 8px; margin-top: 24px;">{{HtmlEncoder.Default.Encode(snippet)}}</pre>
          </main>
          {{snippet}}
        </body>
        </html>
        """;
}
