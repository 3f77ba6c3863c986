using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsMonitor.Feeds;

/// <summary>
/// Turns a feed's bytes into text, choosing the encoding in this order of trust: a byte order mark;
/// the charset of the HTTP Content-Type; the XML declaration; UTF-8. Two checks keep real-world
/// mistakes from garbling accents: a source that claims UTF-8 for bytes that are not UTF-8 is passed
/// over (ending in windows-1252, which reads any byte, or in UTF-8 with its few stray bytes read as
/// windows-1252), and a Latin-1 or windows-1252 label yields to a document that is valid UTF-8 (a default
/// left unchanged).
/// ISO-8859-1 and US-ASCII are read as windows-1252, as browsers do: feeds labelled Latin-1 routinely
/// contain its curly quotes and dashes.
/// </summary>
public static partial class FeedTextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252;

    static FeedTextDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    public static string Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        if (FromByteOrderMark(body) is var (bomEncoding, bomLength))
        {
            return bomEncoding.GetString(body[bomLength..]);
        }

        if (Utf16WithoutMark(body) is { } utf16)
        {
            return utf16.GetString(body);
        }

        var http = EncodingNamed(CharsetOf(contentType));
        var declared = EncodingNamed(DeclaredEncoding(body));

        // A Latin label on bytes that are valid UTF-8 is a label left at a default: Latin text almost never forms UTF-8's sequences.
        if (((http is not null && IsLatin(http)) || (declared is not null && IsLatin(declared)))
            && (http is null || IsLatin(http) || http.CodePage == Encoding.UTF8.CodePage)
            && (declared is null || IsLatin(declared) || declared.CodePage == Encoding.UTF8.CodePage)
            && TryUtf8(body, out var text))
        {
            return text;
        }

        foreach (var candidate in new[] { http, declared, Encoding.UTF8 })
        {
            if (candidate is null)
            {
                continue;
            }

            if (candidate.CodePage != Encoding.UTF8.CodePage)
            {
                return candidate.GetString(body);
            }

            if (TryUtf8(body, out text))
            {
                return text;
            }
        }

        return MostlyUtf8(body) ?? Windows1252.GetString(body);
    }

    /// <summary>
    /// UTF-8 with a few stray windows-1252 bytes (an item pasted from an old system, a CMS joining two sources): each
    /// stray byte is read as windows-1252 and the rest as UTF-8. Null when the stray bytes are as many as UTF-8's
    /// sequences, for a document in windows-1252 altogether.
    /// </summary>
    private static string? MostlyUtf8(ReadOnlySpan<byte> body)
    {
        var text = new StringBuilder(body.Length);
        int sequences = 0, stray = 0;
        Span<char> one = stackalloc char[2];
        while (!body.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(body, out var rune, out var consumed) == OperationStatus.Done)
            {
                sequences += consumed > 1 ? 1 : 0;
                text.Append(one[..rune.EncodeToUtf16(one)]);
                body = body[consumed..];
            }
            else
            {
                stray++;
                text.Append(Windows1252.GetString(body[..1]));
                body = body[1..];
            }
        }

        return sequences > stray ? text.ToString() : null;
    }

    /// <summary>The encoding a name denotes, with the Latin-1 family read as windows-1252; null when unknown.</summary>
    internal static Encoding? EncodingNamed(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        name = name.Trim().Trim('"', '\'');
        if (name.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) || name.Equals("latin1", StringComparison.OrdinalIgnoreCase)
            || name.Equals("iso_8859-1", StringComparison.OrdinalIgnoreCase) || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            || name.Equals("ascii", StringComparison.OrdinalIgnoreCase))
        {
            return Windows1252;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsLatin(Encoding encoding) => encoding.CodePage is 1252 or 28591 or 20127;

    private static bool TryUtf8(ReadOnlySpan<byte> body, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static (Encoding Encoding, int Length)? FromByteOrderMark(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => null,
    };

    // "<?" in UTF-16 without a mark: XML 1.0 appendix F's autodetection.
    private static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> body) => body switch
    {
        [0x3C, 0x00, 0x3F, 0x00, ..] => Encoding.Unicode,
        [0x00, 0x3C, 0x00, 0x3F, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    private static string? CharsetOf(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media) ? media.CharSet : null;

    /// <summary>The encoding named by the XML declaration, read as ASCII (every encoding a feed uses is ASCII-compatible there).</summary>
    private static string? DeclaredEncoding(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, 512)];
        head = head[Math.Max(0, head.IndexOfAnyExcept(" \t\r\n"u8))..];
        if (!head.StartsWith("<?xml"u8))
        {
            return null;
        }

        var end = head.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var match = EncodingPseudoAttribute().Match(Encoding.ASCII.GetString(head[..end]));
        return match.Success ? match.Groups["name"].Value : null;
    }

    [GeneratedRegex("""encoding\s*=\s*["'](?<name>[A-Za-z0-9._:-]+)["']""")]
    private static partial Regex EncodingPseudoAttribute();
}
