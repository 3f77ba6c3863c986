using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;

namespace NewsMonitor.Feeds;

/// <summary>
/// Mends the breakages real feeds ship with, before the XML parser sees them, and removes every
/// markup declaration so no DTD is ever processed (no entity expansion, no external entity read,
/// whatever the parser's own settings):
/// <list type="bullet">
/// <item>blank lines, a byte order mark or comments before the XML declaration (PHP sites emit them) are removed,
/// and so is markup before the feed's declaration or root (a PHP warning);</item>
/// <item>an attribute value without quotes is quoted; a CDATA section holding another ends where it opened;</item>
/// <item>a DOCTYPE in the prolog is dropped with its internal subset (an "HTML page" when it is HTML's): entities it
/// declares are never expanded, a reference to one is kept as its literal text; any other markup declaration is refused;</item>
/// <item>HTML entities XML does not know (<c>&amp;eacute;</c>, <c>&amp;nbsp;</c>) become character references;</item>
/// <item>a bare <c>&amp;</c> or an unknown entity becomes <c>&amp;amp;</c>, a <c>&lt;</c> that cannot start a tag becomes <c>&amp;lt;</c>;</item>
/// <item>characters XML forbids (control characters, U+FFFE, U+FFFF) are removed.</item>
/// </list>
/// CDATA sections and comments are left as they are. Line breaks are kept, so parser errors point at the right line.
/// </summary>
internal static class XmlRepair
{
    private static readonly SearchValues<char> Interesting = SearchValues.Create(InterestingChars().ToArray());

    /// <summary>The repaired document and the local name of its root element.</summary>
    public static (string Text, string Root) Repair(string xml)
    {
        var edit = new Editor(xml);
        var i = SkipProlog(xml, edit);
        var root = ReadName(xml, i + 1);
        if (root.Length == 0)
        {
            throw new FeedParseException(i < xml.Length ? $"XML error at line {LineOf(xml, i)}: no root element" : "not a feed: no root element");
        }

        if (LocalName(root).Equals("html", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedParseException("not a feed: HTML page");
        }

        if (!IsFeedRoot(LocalName(root)) && FeedStart(xml, i + 1) is > 0 and var start)
        {
            // Markup before the feed: a PHP warning ("<br /><b>Warning</b>: …") printed ahead of the document.
            return Repair(xml[start..]);
        }

        RepairBody(xml, i, edit);
        return (RemoveNonCharacters(edit.Result()), LocalName(root));
    }

    private static readonly string[] FeedStarts = ["<?xml ", "<rss", "<feed", "<rdf:RDF"];

    private static bool IsFeedRoot(string name) => name is "rss" or "feed" or "RDF";

    /// <summary>
    /// Where a feed starts after something else (text or markup a server printed first): its XML declaration or its root
    /// element; -1 when there is none.
    /// </summary>
    internal static int FeedStart(string text, int from)
    {
        var found = -1;
        foreach (var start in FeedStarts)
        {
            var at = text.IndexOf(start, from, StringComparison.Ordinal);
            var end = at + start.Length;
            if (at >= 0 && (found < 0 || at < found) && (start.EndsWith(' ') || (end < text.Length && (char.IsWhiteSpace(text[end]) || text[end] == '>'))))
            {
                found = at;
            }
        }

        return found;
    }

    /// <summary>Skips the XML declaration, comments, processing instructions and the DOCTYPE; returns where the root starts.</summary>
    private static int SkipProlog(string xml, Editor edit)
    {
        var i = 0;
        while (true)
        {
            while (i < xml.Length && (char.IsWhiteSpace(xml[i]) || xml[i] == '\uFEFF'))
            {
                i++;
            }

            if (At(xml, i, "<?"))
            {
                if (i > 0 && !edit.Edited && At(xml, i, "<?xml") && i + 5 < xml.Length && char.IsWhiteSpace(xml[i + 5]))
                {
                    // The declaration must open the document; what came before it is only white space and comments.
                    edit.Replace(0, i, "");
                }

                i = After(xml, i + 2, "?>");
            }
            else if (At(xml, i, "<!--"))
            {
                i = After(xml, i + 4, "-->");
            }
            else if (At(xml, i, "<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                var end = DoctypeEnd(xml, i);
                CheckDoctype(xml, i);
                edit.Replace(i, end, NewlinesIn(xml, i, end));
                i = end;
            }
            else
            {
                return i;
            }
        }
    }

    private static void CheckDoctype(string xml, int start)
    {
        if (LocalName(ReadName(xml, SkipSpaces(xml, start + "<!DOCTYPE".Length))).Equals("html", StringComparison.OrdinalIgnoreCase))
        {
            throw new FeedParseException("not a feed: HTML page");
        }
    }

    /// <summary>The index just after the DOCTYPE's closing '&gt;', skipping quoted strings and the internal subset.</summary>
    private static int DoctypeEnd(string xml, int start)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = start + 2; i < xml.Length; i++)
        {
            var c = xml[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (c == '>' && depth <= 0)
            {
                return i + 1;
            }
        }

        throw new FeedParseException($"XML error at line {LineOf(xml, start)}: the DOCTYPE never ends");
    }

    private static void RepairBody(string xml, int i, Editor edit)
    {
        while (i < xml.Length)
        {
            var next = xml.AsSpan(i).IndexOfAny(Interesting);
            if (next < 0)
            {
                return;
            }

            i += next;
            var c = xml[i];
            if (c == '<')
            {
                i = AfterMarkupStart(xml, i, edit);
            }
            else if (c == '&')
            {
                i = RepairReference(xml, i, edit);
            }
            else
            {
                edit.Replace(i, i + 1, "");
                i++;
            }
        }
    }

    private static int AfterMarkupStart(string xml, int i, Editor edit)
    {
        var following = i + 1 < xml.Length ? xml[i + 1] : ' ';
        if (following is '/' or '?')
        {
            return i + 1;
        }

        if (char.IsAsciiLetter(following))
        {
            return AfterStartTag(xml, i, edit);
        }

        if (At(xml, i, "<![CDATA["))
        {
            return AfterCdata(xml, i, edit);
        }

        if (At(xml, i, "<!--"))
        {
            return After(xml, i + 4, "-->");
        }

        if (At(xml, i, "<!"))
        {
            throw new FeedParseException($"refused: a markup declaration at line {LineOf(xml, i)} (DTDs are never processed)");
        }

        if (IsNameStart(following))
        {
            return i + 1;
        }

        // "a < b" in text: no tag can start here, so it was meant as a character.
        edit.Replace(i, i + 1, "&lt;");
        return i + 1;
    }

    /// <summary>
    /// A tag whose attributes are all quoted is left to the scan (which goes on inside it); one with a value written
    /// bare (<c>isPermaLink=false</c>, as HTML allows) is rewritten whole with the value quoted, and the scan goes on after it.
    /// </summary>
    private static int AfterStartTag(string xml, int i, Editor edit)
    {
        // Most tags have no attribute: nothing to look at.
        var first = xml.AsSpan(i + 1).IndexOfAny('>', '<', '=');
        if (first < 0 || xml[i + 1 + first] != '=')
        {
            return i + 1;
        }

        var end = i + 1;
        char quote = '\0';
        var bare = false;
        for (; end < xml.Length; end++)
        {
            var c = xml[end];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '>' or '<')
            {
                break;
            }
            else if (c == '=' && SkipSpaces(xml, end + 1) is var value && value < xml.Length && xml[value] is not ('"' or '\''))
            {
                bare = true;
            }
        }

        if (!bare || end >= xml.Length || xml[end] != '>')
        {
            return i + 1;
        }

        edit.Replace(i, end, QuoteBareValues(xml.AsSpan(i, end - i)));
        return end;
    }

    private static string QuoteBareValues(ReadOnlySpan<char> tag)
    {
        var rewritten = new StringBuilder(tag.Length + 8);
        char quote = '\0';
        for (var k = 0; k < tag.Length; k++)
        {
            var c = tag[k];
            if (quote == '\0' && c == '=')
            {
                var value = k + 1;
                while (value < tag.Length && char.IsWhiteSpace(tag[value]))
                {
                    value++;
                }

                if (value < tag.Length && tag[value] is not ('"' or '\''))
                {
                    var valueEnd = value;
                    while (valueEnd < tag.Length && !char.IsWhiteSpace(tag[valueEnd]) && tag[valueEnd] != '/')
                    {
                        valueEnd++;
                    }

                    var text = WebUtility.HtmlEncode(WebUtility.HtmlDecode(tag[value..valueEnd].ToString()));
                    rewritten.Append("=\"").Append(text).Append('"');
                    k = valueEnd - 1;
                    continue;
                }
            }
            else if (quote == '\0' && c is '"' or '\'')
            {
                quote = c;
            }
            else if (quote != '\0' && c == quote)
            {
                quote = '\0';
            }

            rewritten.Append(c);
        }

        return rewritten.ToString();
    }

    /// <summary>
    /// The end of a CDATA section. One that holds another (a post's script with its own "&lt;![CDATA[ … ]]&gt;", wrapped
    /// again by the feed) would end at the inner "]]&gt;", leaving the rest as broken text: it ends at the "]]&gt;" that
    /// matches its opening, and each inner one is split so that it stays text.
    /// </summary>
    private static int AfterCdata(string xml, int i, Editor edit)
    {
        var end = xml.IndexOf("]]>", i + 9, StringComparison.Ordinal);
        if (end < 0)
        {
            return xml.Length;
        }

        if (xml.AsSpan(i + 9, end - i - 9).IndexOf("<![CDATA[", StringComparison.Ordinal) < 0)
        {
            return end + 3;
        }

        var depth = 1;
        var at = i + 9;
        var inner = new List<int>();
        while (depth > 0)
        {
            var open = xml.IndexOf("<![CDATA[", at, StringComparison.Ordinal);
            var close = xml.IndexOf("]]>", at, StringComparison.Ordinal);
            if (close < 0)
            {
                return xml.Length;
            }

            if (open >= 0 && open < close)
            {
                depth++;
                at = open + 9;
            }
            else
            {
                if (--depth > 0)
                {
                    inner.Add(close);
                }

                at = close + 3;
            }
        }

        foreach (var close in inner)
        {
            edit.Replace(close, close + 3, "]]]]><![CDATA[>");
        }

        return at;
    }

    /// <summary>Keeps a well-formed reference, rewrites an HTML entity as a character reference, escapes anything else.</summary>
    private static int RepairReference(string xml, int i, Editor edit)
    {
        var window = xml.AsSpan(i + 1, Math.Min(34, xml.Length - i - 1));
        var length = window.IndexOf(';');
        var semicolon = i + 1 + length;
        if (length > 0)
        {
            var name = window[..length];
            if (name[0] == '#')
            {
                if (TryCodePoint(name[1..], out var codePoint))
                {
                    if (!IsXmlChar(codePoint))
                    {
                        edit.Replace(i, semicolon + 1, "");
                    }

                    return semicolon + 1;
                }
            }
            else if (IsEntityName(name))
            {
                if (IsXmlEntity(name))
                {
                    return semicolon + 1;
                }

                var reference = xml.Substring(i, semicolon + 1 - i);
                var decoded = WebUtility.HtmlDecode(reference);
                if (decoded != reference)
                {
                    edit.Replace(i, semicolon + 1, CharacterReferences(decoded));
                    return semicolon + 1;
                }
            }
        }

        edit.Replace(i, i + 1, "&amp;");
        return i + 1;
    }

    private static bool IsXmlEntity(ReadOnlySpan<char> name) =>
        name.SequenceEqual("amp") || name.SequenceEqual("lt") || name.SequenceEqual("gt") || name.SequenceEqual("quot") || name.SequenceEqual("apos");

    private static string CharacterReferences(string text)
    {
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append("&#").Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return builder.ToString();
    }

    private static bool TryCodePoint(ReadOnlySpan<char> digits, out int codePoint)
    {
        codePoint = 0;
        if (digits.Length > 1 && digits[0] is 'x' or 'X')
        {
            return int.TryParse(digits[1..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out codePoint);
        }

        return digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out codePoint);
    }

    private static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static bool IsEntityName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(name[0]);
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c is '_' or ':';

    private static string ReadName(string xml, int i)
    {
        var start = i;
        while (i < xml.Length && (char.IsLetterOrDigit(xml[i]) || xml[i] is '_' or ':' or '-' or '.'))
        {
            i++;
        }

        return start < xml.Length && IsNameStart(xml[start]) ? xml[start..i] : "";
    }

    private static string LocalName(string name) => name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];

    private static int SkipSpaces(string xml, int i)
    {
        while (i < xml.Length && char.IsWhiteSpace(xml[i]))
        {
            i++;
        }

        return i;
    }

    private static bool At(string xml, int i, string token, StringComparison comparison = StringComparison.Ordinal) =>
        i < xml.Length && xml.AsSpan(i).StartsWith(token, comparison);

    /// <summary>The index after <paramref name="end"/>, or the end of the text when it never comes (the parser will say so).</summary>
    private static int After(string xml, int from, string end)
    {
        var found = xml.IndexOf(end, from, StringComparison.Ordinal);
        return found < 0 ? xml.Length : found + end.Length;
    }

    private static string NewlinesIn(string xml, int start, int end) => new('\n', xml.AsSpan(start, end - start).Count('\n'));

    internal static int LineOf(string xml, int index) => xml.AsSpan(0, Math.Min(index, xml.Length)).Count('\n') + 1;

    // ASCII only, so the search is vectorised. Decoded text holds no lone surrogates (decoders replace them);
    // the two non-characters U+FFFE and U+FFFF are removed in a pass of their own.
    private static IEnumerable<char> InterestingChars()
    {
        yield return '<';
        yield return '&';
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not '\t' and not '\n' and not '\r')
            {
                yield return c;
            }
        }
    }

    private static string RemoveNonCharacters(string xml) =>
        xml.AsSpan().IndexOfAny('\uFFFE', '\uFFFF') < 0 ? xml : xml.Replace("\uFFFE", "", StringComparison.Ordinal).Replace("\uFFFF", "", StringComparison.Ordinal);

    /// <summary>Copies the text lazily: a document that needs no repair is returned as it came.</summary>
    private sealed class Editor(string original)
    {
        private StringBuilder? builder;
        private int copied;

        public bool Edited => builder is not null;

        public void Replace(int start, int end, string replacement)
        {
            builder ??= new StringBuilder(original.Length + 256);
            builder.Append(original, copied, start - copied).Append(replacement);
            copied = end;
        }

        public string Result() => builder is null ? original : builder.Append(original, copied, original.Length - copied).ToString();
    }
}
