using System.Text;
using NewsMonitor.Feeds;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// The HTML part. Mail clients drop style sheets and block remote images, so styles are inline and there are
/// no external assets; the frame is a table (what every client, Outlook included, lays out) at most 640 px wide,
/// full width on a phone. Everything that came from a feed is HTML-encoded, and only http(s) links are made.
/// </summary>
public static class DigestHtmlRenderer
{
    private const string Font = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

    public static string Render(Digest digest, DigestLinks? links = null)
    {
        var zone = TimeZones.Find(digest.Subscriber.TimeZone);
        var words = DigestWording.For(digest.Subscriber);
        var html = BuilderCache.Acquire(2048 + (digest.TotalArticles * 1100));
        html.Append("<!DOCTYPE html><html lang=\"").Append(words.Language).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light\"><title>").Encode(digest.Subject).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background-color:#f4f4f5;\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:#f4f4f5;\"><tr><td align=\"center\" style=\"padding:16px 8px;\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:640px;\"><tr><td style=\"font-family:").Append(Font)
            .Append(";color:#18181b;font-size:15px;line-height:1.5;text-align:left;\">")
            .Append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 4px;\">").Encode(digest.Subject).Append("</h1>");
        if (DateLine(digest) is { } date)
        {
            html.Append("<p style=\"font-size:13px;color:#52525b;margin:0 0 8px;\">").Encode(date).Append("</p>");
        }

        foreach (var section in digest.Sections)
        {
            html.Append("<h2 style=\"font-size:17px;margin:24px 0 10px;padding-bottom:4px;border-bottom:2px solid #2563eb;\">")
                .Encode(section.Term.Name).Append("</h2>");
            if (links is not null)
            {
                html.Append("<p style=\"font-size:12px;margin:-6px 0 10px;\"><a href=\"").Encode(links.StopTerm(section.Term.Id)).Append("\" style=\"color:#52525b;\">")
                    .Encode(words.StopTerm(MailText.OneLine(section.Term.Name))).Append("</a></p>");
            }

            foreach (var item in section.Items)
            {
                AppendItem(html, item, zone, words, links?.NotRelevant(section.Term.Id, item.Article.Id));
            }
        }

        if (digest.Omitted > 0)
        {
            html.Append("<p style=\"color:#52525b;margin:16px 0;\">").Append(OmittedLine(digest)).Append("</p>");
        }

        html.Append("<p style=\"margin:32px 0 0;padding-top:12px;border-top:1px solid #e4e4e7;font-size:12px;color:#71717a;\">")
            .Encode(FooterLine(digest.Subscriber));
        if (links is not null)
        {
            html.Append("<br><a href=\"").Encode(links.ChangeCadence).Append("\" style=\"color:#52525b;\">").Encode(words.ChangeCadence).Append("</a>")
                .Append(" · <a href=\"").Encode(links.Unsubscribe).Append("\" style=\"color:#52525b;\">").Encode(words.Unsubscribe).Append("</a>");
        }

        html.Append("</p></td></tr></table></td></tr></table></body></html>");
        return BuilderCache.Release(html);
    }

    private static void AppendItem(StringBuilder html, DigestItem item, TimeZoneInfo zone, DigestWording words, string? notRelevantUrl)
    {
        var article = item.Article;
        html.Append("<div style=\"background-color:#ffffff;border:1px solid #e4e4e7;border-radius:6px;padding:12px 14px;margin:0 0 10px;\">");
        var linked = OpenLink(html, article.Url, "font-size:16px;font-weight:600;color:#1d4ed8;text-decoration:none;");
        AppendRuns(html, Snippet.Of(article.Title, item.Highlights, ArticleField.Title));
        html.Append(linked ? "</a>" : "</span>")
            .Append("<div style=\"font-size:13px;color:#52525b;margin:2px 0 6px;\">").Encode(SourceOf(article)).AppendWhen(article, zone, words);
        foreach (var term in item.Terms)
        {
            html.Append(" <span style=\"background-color:#e0e7ff;color:#3730a3;border-radius:3px;padding:0 5px;font-size:12px;white-space:nowrap;\">")
                .Encode(term.Name).Append("</span>");
        }

        html.Append("</div><div style=\"color:#27272a;\">");
        AppendRuns(html, Snippet.Around(article, item.Highlights));
        html.Append("</div>");
        if (item.AlsoReportedBy.Count > 0)
        {
            html.Append("<div style=\"font-size:13px;color:#52525b;margin-top:6px;\">").Encode(words.AlsoReportedBy).Append(' ');
            for (var i = 0; i < item.AlsoReportedBy.Count; i++)
            {
                var other = item.AlsoReportedBy[i];
                html.Append(i == 0 ? "" : ", ");
                var otherLinked = OpenLink(html, other.Url, "color:#1d4ed8;");
                html.Encode(SourceOf(other)).Append(otherLinked ? "</a>" : "</span>");
            }

            html.Append("</div>");
        }

        if (notRelevantUrl is not null)
        {
            html.Append("<div style=\"font-size:12px;margin-top:6px;text-align:right;\"><a href=\"").Encode(notRelevantUrl).Append("\" style=\"color:#71717a;\">")
                .Encode(words.NotRelevant).Append("</a></div>");
        }

        html.Append("</div>");
    }

    /// <summary>An anchor for http(s) URLs only: a feed's "javascript:" or "data:" link is shown as plain text.</summary>
    private static bool OpenLink(StringBuilder html, string url, string style)
    {
        if (WebLinks.IsWebLink(url))
        {
            html.Append("<a href=\"").Encode(url).Append("\" style=\"").Append(style).Append("\">");
            return true;
        }

        html.Append("<span style=\"").Append(style).Append("\">");
        return false;
    }

    private static void AppendRuns(StringBuilder html, Snippet snippet) =>
        snippet.Write(html, static (builder, text, highlighted) =>
        {
            // Bold as well as coloured: still visible where a client strips the background.
            builder.Append(highlighted ? "<strong style=\"background-color:#fef08a;color:#18181b;font-weight:700;\">" : "")
                .Encode(text)
                .Append(highlighted ? "</strong>" : "");
        });

    internal static string SourceOf(Article article) =>
        MailText.OneLine(article.Source is { Length: > 0 } source ? source : Uri.TryCreate(article.Url, UriKind.Absolute, out var uri) ? uri.Host : "unknown source");

    /// <summary>" · 23 Nov 2026 13:00": when the article was published, in the subscriber's zone and language.</summary>
    internal static StringBuilder AppendWhen(this StringBuilder builder, Article article, TimeZoneInfo zone, DigestWording words) =>
        builder.Append(" · ").Append(words.DateTime(TimeZoneInfo.ConvertTime(DigestItem.TimeOf(article), zone).DateTime));

    /// <summary>"Monday 23 November 2026": the digest's date in the subscriber's zone, or null when it has none.</summary>
    internal static string? DateLine(Digest digest) =>
        digest.Date is { } date ? DigestWording.For(digest.Subscriber).Date(TimeZoneInfo.ConvertTime(date, TimeZones.Find(digest.Subscriber.TimeZone)).DateTime) : null;

    internal static string OmittedLine(Digest digest) =>
        DigestWording.For(digest.Subscriber).Omitted(digest.Omitted, digest.TotalArticles - digest.Omitted);

    internal static string FooterLine(Subscriber subscriber)
    {
        var words = DigestWording.For(subscriber);
        return words.Footer(words.Schedule(subscriber), subscriber.TimeZone);
    }
}

/// <summary>
/// One builder per thread, reused from digest to digest: the parts are tens of kilobytes, and a fresh builder for
/// each would be allocated and grown every time.
/// </summary>
internal static class BuilderCache
{
    private const int MaxKept = 512 * 1024;

    [ThreadStatic]
    private static StringBuilder? cached;

    public static StringBuilder Acquire(int capacity)
    {
        var builder = cached;
        cached = null;
        return builder is null ? new StringBuilder(capacity) : builder.Clear().EnsureCapacityOf(capacity);
    }

    public static string Release(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= MaxKept)
        {
            cached = builder;
        }

        return text;
    }

    private static StringBuilder EnsureCapacityOf(this StringBuilder builder, int capacity)
    {
        builder.EnsureCapacity(capacity);
        return builder;
    }
}

/// <summary>HTML-encodes straight into the builder: the five characters that matter, control characters dropped.</summary>
internal static class HtmlBuilderExtensions
{
    public static StringBuilder Encode(this StringBuilder html, string text) => html.Encode(text.AsSpan());

    public static StringBuilder Encode(this StringBuilder html, ReadOnlySpan<char> text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) && c is not '\n' and not '\t' => "",
                _ => null,
            };
            if (replacement is not null)
            {
                html.Append(text[start..i]).Append(replacement);
                start = i + 1;
            }
        }

        return html.Append(text[start..]);
    }
}
