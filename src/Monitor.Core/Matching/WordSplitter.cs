namespace NewsMonitor.Matching;

/// <summary>
/// Splits text into normalised words (see <see cref="CharFolding"/>), computing the hash of each
/// prefix of each word while reading it (see <see cref="WordHash"/>). Allocates nothing. A number
/// written with group separators or decimals ("2,424,495,000", "1 000", "1,7", "2024/1689") is one
/// word, its separators kept (every kind of space as a plain one).
/// </summary>
/// <remarks>
/// The sink is a struct type parameter so that the JIT compiles one loop per sink with the sink's
/// code inlined: this is the innermost loop of matching, and its state stays in registers.
/// </remarks>
internal static class WordSplitter
{
    /// <param name="text">The original text.</param>
    /// <param name="foldCase">Fold case, or keep it.</param>
    /// <param name="buffer">Receives each word; a longer word is cut and reported truncated.</param>
    /// <param name="hashes">As long as <paramref name="buffer"/>; receives the prefix hashes.</param>
    /// <param name="sink">Called once per word.</param>
    public static void Split<TSink>(ReadOnlySpan<char> text, bool foldCase, Span<char> buffer, Span<uint> hashes, ref TSink sink)
        where TSink : struct, IWordSink
    {
        var table = CharFolding.Table(foldCase);
        var length = 0;
        var start = 0;
        var end = 0;
        var hash = WordHash.Seed;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var folded = table[c];
            if (CharFolding.IsWordCharacter(folded))
            {
                if (length == 0)
                {
                    start = i;
                }

                if ((uint)length < (uint)buffer.Length)
                {
                    buffer[length] = folded;
                    hash = WordHash.Next(hash, folded);
                    hashes[length] = hash;
                }

                length++;
                end = ++i;
            }
            else if (folded == CharFolding.Separator)
            {
                // A separator right after a digit may join the groups of a number ("2,424", "1 000").
                if (length > 0 && end == i && length < buffer.Length && char.IsAsciiDigit(buffer[length - 1])
                    && NumberSeparatorAt(text, i, foldCase, buffer[..length]) is var joined && joined != '\0')
                {
                    buffer[length] = joined;
                    hash = WordHash.Next(hash, joined);
                    hashes[length] = hash;
                    length++;
                    end = ++i;
                    continue;
                }

                i++;
                if (length > 0)
                {
                    Emit(ref sink, buffer, hashes, length, start, end);
                    length = 0;
                    hash = WordHash.Seed;
                }
            }
            else if (folded == CharFolding.Dropped)
            {
                i++;
                if (length > 0)
                {
                    end = i;
                }
            }
            else if (folded == '\0')
            {
                CharFolding.Compute(c, foldCase);
            }
            else
            {
                // A character that folds to several, possibly several words ("½" is "1 2").
                var width = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                var expansion = CharFolding.Expansion(width == 2 ? char.ConvertToUtf32(c, text[i + 1]) : c, foldCase);
                foreach (var part in expansion)
                {
                    if (part == CharFolding.Separator)
                    {
                        if (length > 0)
                        {
                            Emit(ref sink, buffer, hashes, length, start, end);
                            length = 0;
                            hash = WordHash.Seed;
                        }

                        continue;
                    }

                    if (length == 0)
                    {
                        start = i;
                    }

                    if ((uint)length < (uint)buffer.Length)
                    {
                        buffer[length] = part;
                        hash = WordHash.Next(hash, part);
                        hashes[length] = hash;
                    }

                    length++;
                    end = i + width;
                }

                i += width;
                if (length > 0 && expansion.Length == 0)
                {
                    end = i;
                }
            }
        }

        if (length > 0)
        {
            Emit(ref sink, buffer, hashes, length, start, end);
        }
    }

    /// <summary>
    /// The separator at <paramref name="i"/> as it is kept inside a number, or 0 when it ends the
    /// word. A number is digits, then groups each made of one separator (<c>, . / '</c> or a space
    /// of any kind) and digits. A space joins only a group of exactly 3 digits (followed by no
    /// letter or digit) to a group of 1 to 3, so that "in 2024 2025" stays two words.
    /// </summary>
    /// <param name="word">The word so far, which ends with a digit.</param>
    private static char NumberSeparatorAt(ReadOnlySpan<char> text, int i, bool foldCase, ReadOnlySpan<char> word)
    {
        var separator = CharFolding.NumberSeparator(text[i]);
        if (separator == '\0' || !IsDigit(text, i + 1, foldCase))
        {
            return '\0';
        }

        var group = 0;
        foreach (var c in word)
        {
            if (char.IsAsciiDigit(c))
            {
                group++;
            }
            else if (c is ',' or '.' or '/' or '\'' or ' ')
            {
                group = 0;
            }
            else
            {
                // Letters before: "A320,5" is a word and a number, not one number.
                return '\0';
            }
        }

        if (separator != ' ')
        {
            return separator;
        }

        var groupFollows = group <= 3 && IsDigit(text, i + 2, foldCase) && IsDigit(text, i + 3, foldCase)
            && (i + 4 == text.Length || Fold(text[i + 4], foldCase) == CharFolding.Separator);
        return groupFollows ? separator : '\0';
    }

    private static bool IsDigit(ReadOnlySpan<char> text, int i, bool foldCase) => i < text.Length && char.IsAsciiDigit(Fold(text[i], foldCase));

    private static char Fold(char c, bool foldCase)
    {
        var folded = CharFolding.Table(foldCase)[c];
        return folded == '\0' ? CharFolding.Compute(c, foldCase) : folded;
    }

    private static void Emit<TSink>(ref TSink sink, Span<char> buffer, Span<uint> hashes, int length, int start, int end)
        where TSink : struct, IWordSink
    {
        var kept = Math.Min(length, buffer.Length);
        sink.OnWord(buffer[..kept], hashes[..kept], length > buffer.Length, start, end);
    }
}
