using System.Text;

namespace NewsMonitor.Digests;

/// <summary>
/// The plain-text part, meant to read well on its own: a heading per term, then per story its title, source
/// and time, link, snippet and other reports. Feed text is put on one line so it cannot fake structure.
/// </summary>
public static class DigestTextRenderer
{
    public static string Render(Digest digest, DigestLinks? links = null)
    {
        var zone = TimeZones.Find(digest.Subscriber.TimeZone);
        var words = DigestWording.For(digest.Subscriber);
        var text = BuilderCache.Acquire(1024 + (digest.TotalArticles * 500));
        text.AppendLine(digest.Subject);
        if (DigestHtmlRenderer.DateLine(digest) is { } date)
        {
            text.AppendLine(date);
        }

        text.AppendLine();
        foreach (var section in digest.Sections)
        {
            var heading = MailText.OneLine(section.Term.Name).ToUpperInvariant();
            text.AppendLine(heading).Append('=', Math.Clamp(heading.Length, 3, 60)).AppendLine();
            if (links is not null)
            {
                text.Append(words.StopTerm(MailText.OneLine(section.Term.Name))).Append(": ").AppendLine(links.StopTerm(section.Term.Id));
            }

            text.AppendLine();
            foreach (var item in section.Items)
            {
                text.Append("* ").AppendOneLine(item.Article.Title).AppendLine()
                    .Append("  ").AppendOneLine(DigestHtmlRenderer.SourceOf(item.Article)).AppendWhen(item.Article, zone, words).Append(" · ");
                for (var i = 0; i < item.Terms.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ").AppendOneLine(item.Terms[i].Name);
                }

                text.AppendLine().Append("  ").AppendOneLine(item.Article.Url).AppendLine();
                var snippet = Snippet.Around(item.Article, item.Highlights);
                if (!snippet.Window.IsWhiteSpace())
                {
                    text.Append("  ").Append(snippet.CutBefore ? "… " : "").AppendOneLine(snippet.Window).Append(snippet.CutAfter ? " …" : "").AppendLine();
                }

                foreach (var other in item.AlsoReportedBy)
                {
                    text.Append("  ").Append(words.AlsoReportedBy).Append(' ').Append(DigestHtmlRenderer.SourceOf(other)).Append(": ").AppendOneLine(other.Url).AppendLine();
                }

                if (links is not null)
                {
                    text.Append("  ").Append(words.NotRelevant).Append(": ").AppendLine(links.NotRelevant(section.Term.Id, item.Article.Id));
                }

                text.AppendLine();
            }
        }

        if (digest.Omitted > 0)
        {
            text.AppendLine(DigestHtmlRenderer.OmittedLine(digest)).AppendLine();
        }

        text.AppendLine("-- ").AppendLine(DigestHtmlRenderer.FooterLine(digest.Subscriber));
        if (links is not null)
        {
            text.Append(words.ChangeCadence).Append(": ").AppendLine(links.ChangeCadence)
                .Append(words.Unsubscribe).Append(": ").AppendLine(links.Unsubscribe);
        }

        return BuilderCache.Release(text);
    }
}
