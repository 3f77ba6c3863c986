namespace NewsMonitor.Matching;

/// <summary>
/// Splits text into normalised words (see <see cref="CharFolding"/>), computing the hash of each
/// prefix of each word while reading it (see <see cref="WordHash"/>). Allocates nothing.
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

    private static void Emit<TSink>(ref TSink sink, Span<char> buffer, Span<uint> hashes, int length, int start, int end)
        where TSink : struct, IWordSink
    {
        var kept = Math.Min(length, buffer.Length);
        sink.OnWord(buffer[..kept], hashes[..kept], length > buffer.Length, start, end);
    }
}
