using System.Globalization;
using System.Net;
using System.Text;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// The HTML part: inline styles only and no external assets, because mail clients drop style sheets and
/// block remote images. Everything that came from a feed is HTML-encoded.
/// </summary>
public static class DigestHtmlRenderer
{
    public static string Render(Digest digest, string? unsubscribeUrl = null)
    {
        var zone = TimeZones.Find(digest.Subscriber.TimeZone);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(digest.Subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f4f5;\">")
            .Append("<div style=\"max-width:640px;margin:0 auto;padding:16px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#18181b;font-size:15px;line-height:1.5;\">")
            .Append("<h1 style=\"font-size:20px;margin:0 0 16px;\">").Append(E(digest.Subject)).Append("</h1>");
        foreach (var section in digest.Sections)
        {
            html.Append("<h2 style=\"font-size:17px;margin:24px 0 8px;padding-bottom:4px;border-bottom:2px solid #2563eb;\">")
                .Append(E(section.Term.Name)).Append("</h2>");
            foreach (var item in section.Items)
            {
                AppendItem(html, item, zone);
            }
        }

        if (digest.Omitted > 0)
        {
            html.Append("<p style=\"color:#52525b;\">").Append(digest.Omitted).Append(" more not shown.</p>");
        }

        html.Append("<p style=\"margin-top:32px;font-size:12px;color:#71717a;\">You receive this because you follow these terms on News Monitor.");
        if (unsubscribeUrl is not null)
        {
            html.Append(" <a href=\"").Append(E(unsubscribeUrl)).Append("\" style=\"color:#71717a;\">Unsubscribe</a>.");
        }

        html.Append("</p></div></body></html>");
        return html.ToString();
    }

    private static void AppendItem(StringBuilder html, DigestItem item, TimeZoneInfo zone)
    {
        var article = item.Article;
        html.Append("<div style=\"background:#ffffff;border-radius:6px;padding:12px 14px;margin:0 0 10px;\">")
            .Append("<a href=\"").Append(E(article.Url)).Append("\" style=\"font-size:16px;font-weight:600;color:#1d4ed8;text-decoration:none;\">");
        AppendRuns(html, Snippet.Of(article.Title, item.Highlights, ArticleField.Title));
        html.Append("</a><div style=\"font-size:12px;color:#71717a;margin:2px 0 6px;\">")
            .Append(E(Byline(article, zone)))
            .Append(" · ").Append(E(string.Join(", ", item.Terms.Select(t => t.Name))))
            .Append("</div><div>");
        AppendRuns(html, Snippet.Around(article, item.Highlights));
        html.Append("</div></div>");
    }

    private static void AppendRuns(StringBuilder html, Snippet snippet)
    {
        foreach (var (text, highlighted) in snippet.Runs)
        {
            if (highlighted)
            {
                html.Append("<mark style=\"background:#fef08a;color:inherit;padding:0 1px;\">").Append(E(text)).Append("</mark>");
            }
            else
            {
                html.Append(E(text));
            }
        }
    }

    internal static string Byline(Article article, TimeZoneInfo zone)
    {
        var when = TimeZoneInfo.ConvertTime(article.Published ?? article.FetchedAt, zone);
        var source = article.Source ?? new Uri(article.Url).Host;
        return $"{source} · {when.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)}";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
