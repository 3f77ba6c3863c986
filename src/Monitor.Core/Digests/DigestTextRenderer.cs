using System.Text;

namespace NewsMonitor.Digests;

/// <summary>
/// The plain-text part, meant to read well on its own: a heading per term, then per story its title, source
/// and time, link, snippet and other reports. Feed text is put on one line so it cannot fake structure.
/// </summary>
public static class DigestTextRenderer
{
    public static string Render(Digest digest, string? unsubscribeUrl = null)
    {
        var zone = TimeZones.Find(digest.Subscriber.TimeZone);
        var text = new StringBuilder(1024 + (digest.TotalArticles * 500));
        text.AppendLine(digest.Subject).AppendLine();
        foreach (var section in digest.Sections)
        {
            var heading = MailText.OneLine(section.Term.Name).ToUpperInvariant();
            text.AppendLine(heading).Append('=', Math.Clamp(heading.Length, 3, 60)).AppendLine().AppendLine();
            foreach (var item in section.Items)
            {
                text.Append("* ").AppendLine(MailText.OneLine(item.Article.Title))
                    .Append("  ").Append(DigestHtmlRenderer.Byline(item.Article, zone)).Append(" · ").AppendJoin(", ", item.Terms.Select(t => MailText.OneLine(t.Name))).AppendLine()
                    .Append("  ").AppendLine(MailText.OneLine(item.Article.Url));
                var snippet = MailText.OneLine(Snippet.Around(item.Article, item.Highlights).Text);
                if (snippet.Length > 0)
                {
                    text.Append("  ").AppendLine(snippet);
                }

                foreach (var other in item.AlsoReportedBy)
                {
                    text.Append("  Also reported by ").Append(DigestHtmlRenderer.SourceOf(other)).Append(": ").AppendLine(MailText.OneLine(other.Url));
                }

                text.AppendLine();
            }
        }

        if (digest.Omitted > 0)
        {
            text.AppendLine(DigestHtmlRenderer.OmittedLine(digest)).AppendLine();
        }

        text.AppendLine("-- ").AppendLine(DigestHtmlRenderer.FooterLine(digest.Subscriber));
        if (unsubscribeUrl is not null)
        {
            text.Append("Unsubscribe: ").AppendLine(unsubscribeUrl);
        }

        return text.ToString();
    }
}
