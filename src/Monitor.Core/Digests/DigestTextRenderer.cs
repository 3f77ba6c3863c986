using System.Text;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>The plain-text part, meant to read well on its own: headings, titles, links, snippets.</summary>
public static class DigestTextRenderer
{
    public static string Render(Digest digest, string? unsubscribeUrl = null)
    {
        var zone = TimeZones.Find(digest.Subscriber.TimeZone);
        var text = new StringBuilder();
        text.AppendLine(digest.Subject).AppendLine();
        foreach (var section in digest.Sections)
        {
            text.AppendLine(section.Term.Name.ToUpperInvariant()).AppendLine(new string('=', Math.Min(section.Term.Name.Length, 60)));
            foreach (var item in section.Items)
            {
                text.Append("* ").AppendLine(OneLine(item.Article.Title))
                    .Append("  ").AppendLine(item.Article.Url)
                    .Append("  ").Append(DigestHtmlRenderer.Byline(item.Article, zone)).Append(" · ").AppendLine(string.Join(", ", item.Terms.Select(t => t.Name)));
                var snippet = string.Concat(Snippet.Around(item.Article, item.Highlights).Runs.Select(r => r.Text));
                if (snippet.Length > 0)
                {
                    text.Append("  ").AppendLine(OneLine(snippet));
                }

                text.AppendLine();
            }
        }

        if (digest.Omitted > 0)
        {
            text.Append(digest.Omitted).AppendLine(" more not shown.").AppendLine();
        }

        text.AppendLine("-- ").AppendLine("You receive this because you follow these terms on News Monitor.");
        if (unsubscribeUrl is not null)
        {
            text.Append("Unsubscribe: ").AppendLine(unsubscribeUrl);
        }

        return text.ToString();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
