using System.Net;
using System.Text;

namespace NewsMonitor.Feeds;

/// <summary>
/// Turns feed HTML into the plain text that is matched and shown: tags gone, entities decoded, spaces folded.
/// Block elements (p, div, li, br, …) separate words even where the HTML has no space between them; inline
/// ones (b, a, span, …) do not; script, style and the like are dropped with their content.
/// </summary>
/// <remarks>
/// A single forward scan, not a DOM: it runs on every summary and content of every item polled, and a parse
/// tree per snippet cost more than the rest of normalisation together. Malformed markup degrades to text.
/// </remarks>
public static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "head", "iframe", "object", "svg" };
    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    };

    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var text = FoldedText.Start();
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            text.Append(html);
            return text.ToString();
        }

        var i = 0;
        while (i < html.Length)
        {
            var tag = html.IndexOf('<', i);
            if (tag < 0)
            {
                AppendText(html.AsSpan(i), text);
                break;
            }

            AppendText(html.AsSpan(i, tag - i), text);
            i = ReadMarkup(html, tag, text);
        }

        return text.ToString();
    }

    /// <summary>Handles the markup at <paramref name="start"/> ('&lt;'); returns where the text resumes.</summary>
    private static int ReadMarkup(string html, int start, FoldedText text)
    {
        if (At(html, start, "<!--"))
        {
            return After(html, start + 4, "-->");
        }

        if (At(html, start, "<![CDATA["))
        {
            var end = html.IndexOf("]]>", start + 9, StringComparison.Ordinal);
            text.Append(html.AsSpan(start + 9, (end < 0 ? html.Length : end) - start - 9));
            return end < 0 ? html.Length : end + 3;
        }

        var next = start + 1 < html.Length ? html[start + 1] : ' ';
        if (next is '!' or '?')
        {
            return After(html, start + 2, ">");
        }

        var closing = next == '/';
        var nameStart = closing ? start + 2 : start + 1;
        var nameEnd = nameStart;
        while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
        {
            nameEnd++;
        }

        if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
        {
            // "a < b": not a tag, a character.
            text.Append("<");
            return start + 1;
        }

        var name = html.Substring(nameStart, nameEnd - nameStart);
        var tagEnd = TagEnd(html, nameEnd);
        if (!Inline.Contains(name))
        {
            text.Space();
        }

        if (!closing && Skipped.Contains(name) && html[tagEnd - 2] != '/')
        {
            var close = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
            return close < 0 ? html.Length : TagEnd(html, close + 2 + name.Length);
        }

        return tagEnd;
    }

    /// <summary>
    /// The index after the tag's '&gt;', read as browsers read attributes: a quoted value may hold '&gt;', an unquoted
    /// one (<c>href=http://x/"</c>, <c>title=it's</c>) ends at white space or '&gt;' whatever quotes it holds. A quoted
    /// value that runs past a '&gt;' and then over a line break, into a tag, or very far is a stray quote: the tag ends
    /// at that '&gt;', so the text after it is kept rather than swallowed.
    /// </summary>
    private static int TagEnd(string html, int i)
    {
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                return i + 1;
            }

            if (c != '=')
            {
                i++;
                continue;
            }

            i++;
            while (i < html.Length && html[i] is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                i++;
            }

            if (i < html.Length && html[i] is '"' or '\'')
            {
                i = AfterQuotedValue(html, i);
            }
            else
            {
                while (i < html.Length && html[i] is not (' ' or '\t' or '\n' or '\r' or '\f' or '>'))
                {
                    i++;
                }
            }
        }

        return html.Length;
    }

    /// <summary>The index after a quoted attribute value starting at <paramref name="open"/>, or at its first '&gt;' when the quote is stray.</summary>
    private static int AfterQuotedValue(string html, int open)
    {
        var close = html.IndexOf(html[open], open + 1);
        var firstGt = html.IndexOf('>', open + 1, (close < 0 ? html.Length : close) - open - 1);
        if (firstGt < 0)
        {
            return close < 0 ? html.Length : close + 1;
        }

        if (close >= 0 && close - open <= MaxQuotedValueOverTag && html.AsSpan(firstGt, close - firstGt).IndexOfAny('\n', '<') < 0)
        {
            return close + 1;
        }

        return firstGt;
    }

    // A real attribute value holding '>' (a title, an inline script) is short; one running further was never closed.
    private const int MaxQuotedValueOverTag = 200;

    private static void AppendText(ReadOnlySpan<char> segment, FoldedText text)
    {
        if (segment.IndexOf('&') < 0)
        {
            text.Append(segment);
        }
        else
        {
            text.Append(WebUtility.HtmlDecode(segment.ToString()));
        }
    }

    private static bool At(string html, int i, string token) => html.AsSpan(i).StartsWith(token, StringComparison.OrdinalIgnoreCase);

    private static int After(string html, int from, string end)
    {
        var found = html.IndexOf(end, from, StringComparison.Ordinal);
        return found < 0 ? html.Length : found + end.Length;
    }

    /// <summary>
    /// Text built with spaces folded on the way in: runs of white space and control characters become one space,
    /// none at the ends. One per thread, reused: every summary of every item passes through here.
    /// </summary>
    private sealed class FoldedText
    {
        [ThreadStatic]
        private static FoldedText? current;

        private readonly StringBuilder builder = new(1024);
        private bool pendingSpace;

        public static FoldedText Start()
        {
            // A builder grown by one huge article is not kept for the rest of the thread's life.
            var text = current is { builder.Capacity: <= 64 * 1024 } reused ? reused : current = new FoldedText();
            text.builder.Clear();
            text.pendingSpace = false;
            return text;
        }

        public void Space() => pendingSpace = builder.Length > 0;

        public void Append(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }
        }

        public override string ToString() => builder.ToString();
    }
}
