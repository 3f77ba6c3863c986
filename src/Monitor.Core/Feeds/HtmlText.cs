using System.Text;
using HtmlAgilityPack;

namespace NewsMonitor.Feeds;

/// <summary>Turns feed HTML into the plain text that is matched and shown: tags gone, entities decoded, spaces folded.</summary>
public static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head" };
    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
    };

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal))
        {
            return Fold(html);
        }

        var document = new HtmlDocument();
        document.LoadHtml(html);
        var text = new StringBuilder(html.Length);
        Append(document.DocumentNode, text);
        return Fold(text.ToString());
    }

    private static void Append(HtmlNode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child.NodeType)
            {
                case HtmlNodeType.Text:
                    text.Append(HtmlEntity.DeEntitize(((HtmlTextNode)child).Text));
                    break;
                case HtmlNodeType.Element when !Skipped.Contains(child.Name):
                    // Block boundaries separate words even where the HTML has no space between them.
                    var block = !Inline.Contains(child.Name);
                    if (block)
                    {
                        text.Append(' ');
                    }

                    Append(child, text);
                    if (block)
                    {
                        text.Append(' ');
                    }

                    break;
            }
        }
    }

    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }

            folded.Append(c);
        }

        return folded.ToString();
    }
}
