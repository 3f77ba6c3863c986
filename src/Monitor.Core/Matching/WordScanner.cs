namespace NewsMonitor.Matching;

/// <summary>
/// Splits text into normalised words (see <see cref="CharFolding"/>), giving each word's characters,
/// case kept, and where it came from in the original text. Allocates nothing.
/// </summary>
internal ref struct WordScanner
{
    private readonly ReadOnlySpan<char> text;
    private readonly Span<char> buffer;
    private int index;

    // Where to resume inside a character that expanded to several words (such as "½" → "1 2").
    private int expansionOffset;

    /// <param name="text">The original text.</param>
    /// <param name="buffer">Receives each word; a longer word is cut and flagged <see cref="Truncated"/>.</param>
    public WordScanner(ReadOnlySpan<char> text, Span<char> buffer)
    {
        this.text = text;
        this.buffer = buffer;
    }

    /// <summary>The current word, normalised, case kept; at most the buffer's length.</summary>
    public readonly ReadOnlySpan<char> Word => buffer[..WordLength];

    public int WordLength { get; private set; }

    /// <summary>The word had more characters than the buffer holds; <see cref="Word"/> is its beginning.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Index in the original text of the first character of the word.</summary>
    public int Start { get; private set; }

    /// <summary>Index in the original text just after the word, trailing combining marks included.</summary>
    public int End { get; private set; }

    public bool MoveNext()
    {
        var inWord = false;
        WordLength = 0;
        Truncated = false;
        while (index < text.Length)
        {
            var c = text[index];
            var folded = CharFolding.Fold(c);
            switch (folded)
            {
                case CharFolding.Separator:
                    index++;
                    if (inWord)
                    {
                        return true;
                    }

                    break;
                case CharFolding.Dropped:
                    index++;
                    if (inWord)
                    {
                        End = index;
                    }

                    break;
                case CharFolding.Expands:
                    if (ReadExpansion(ref inWord))
                    {
                        return true;
                    }

                    break;
                default:
                    if (!inWord)
                    {
                        inWord = true;
                        Start = index;
                    }

                    Append(folded);
                    index++;
                    End = index;
                    break;
            }
        }

        return inWord;
    }

    /// <summary>Consumes the expansion of the character at <see cref="index"/>; true when a word ended inside it.</summary>
    private bool ReadExpansion(ref bool inWord)
    {
        var c = text[index];
        int width;
        string expansion;
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            expansion = CharFolding.Expansion(char.ConvertToUtf32(c, text[index + 1]));
        }
        else if (char.IsSurrogate(c))
        {
            width = 1;
            expansion = CharFolding.Separator.ToString();
        }
        else
        {
            width = 1;
            expansion = CharFolding.Expansion(c);
        }

        for (var i = expansionOffset; i < expansion.Length; i++)
        {
            var part = expansion[i];
            if (part == CharFolding.Separator)
            {
                if (inWord)
                {
                    expansionOffset = i + 1;
                    return true;
                }

                continue;
            }

            if (!inWord)
            {
                inWord = true;
                Start = index;
            }

            Append(part);
            End = index + width;
        }

        expansionOffset = 0;
        index += width;
        if (inWord && expansion.Length == 0)
        {
            End = index;
        }

        return false;
    }

    private void Append(char c)
    {
        if (WordLength < buffer.Length)
        {
            buffer[WordLength++] = c;
        }
        else
        {
            Truncated = true;
        }
    }
}
