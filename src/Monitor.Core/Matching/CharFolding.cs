using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace NewsMonitor.Matching;

/// <summary>
/// What one character of text becomes once normalised: compatibility-decomposed (NFKD), diacritics
/// dropped, classified as word character or separator. Case is kept here; <see cref="Lower"/> folds it.
/// </summary>
/// <remarks>
/// Each BMP character is normalised once per process and remembered in a table, because calling
/// string.Normalize per character of every article would dominate the cost of matching.
/// Decomposing character by character equals decomposing the whole text here: canonical
/// reordering only moves combining marks, and every combining mark is dropped.
/// </remarks>
internal static class CharFolding
{
    /// <summary>The character ends the current word.</summary>
    public const char Separator = '\uE000';

    /// <summary>The character disappears without ending the word (a combining accent, a soft hyphen).</summary>
    public const char Dropped = '\uE001';

    /// <summary>The character expands to several; read them with <see cref="Expansion(int)"/>.</summary>
    public const char Expands = '\uE002';

    // 0 means "not computed yet"; U+0000 itself is a control character, so never a valid entry.
    private static readonly char[] Singles = new char[char.MaxValue + 1];
    private static readonly char[] Lowers = new char[char.MaxValue + 1];
    private static readonly ConcurrentDictionary<int, string> Expansions = new();

    static CharFolding()
    {
        for (var c = 0; c < 128; c++)
        {
            Singles[c] = char.IsAsciiLetterOrDigit((char)c) ? (char)c : Separator;
            Lowers[c] = char.ToLowerInvariant((char)c);
        }
    }

    /// <summary>
    /// The folded form of <paramref name="c"/>: the character itself (or its single replacement),
    /// or one of <see cref="Separator"/>, <see cref="Dropped"/>, <see cref="Expands"/>.
    /// Surrogates are reported as <see cref="Expands"/>; the caller folds the pair with <see cref="Expansion(int)"/>.
    /// </summary>
    public static char Fold(char c)
    {
        var folded = Singles[c];
        return folded != '\0' ? folded : ComputeSingle(c);
    }

    /// <summary>The expansion of a code point whose <see cref="Fold"/> is <see cref="Expands"/> (or of any surrogate pair).</summary>
    public static string Expansion(int codePoint) => Expansions.GetOrAdd(codePoint, ComputeExpansion);

    /// <summary>Case folding of one already-normalised word character.</summary>
    public static char Lower(char c)
    {
        var lower = Lowers[c];
        if (lower != '\0')
        {
            return lower;
        }

        // Upper then lower folds letters with several lower forms (final sigma) onto one.
        lower = char.ToLowerInvariant(char.ToUpperInvariant(c));
        if (lower == '\0')
        {
            lower = c;
        }

        Lowers[c] = lower;
        return lower;
    }

    private static char ComputeSingle(char c)
    {
        char folded;
        if (char.IsSurrogate(c))
        {
            folded = Expands;
        }
        else
        {
            var expansion = ComputeExpansion(c);
            folded = expansion.Length switch
            {
                0 => Dropped,
                1 => expansion[0],
                _ => Expands,
            };
            if (folded == Expands)
            {
                Expansions.TryAdd(c, expansion);
            }
        }

        Singles[c] = folded;
        return folded;
    }

    /// <summary>NFKD, combining marks dropped, every non-word character replaced by <see cref="Separator"/>.</summary>
    private static string ComputeExpansion(int codePoint)
    {
        if (IsDroppedFormatCharacter(codePoint))
        {
            return "";
        }

        var decomposed = char.ConvertFromUtf32(codePoint).Normalize(NormalizationForm.FormKD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            switch (Classify(rune))
            {
                case RuneKind.Word:
                    result.Append(rune.ToString());
                    break;
                case RuneKind.Separator:
                    result.Append(Separator);
                    break;
                default:
                    break;
            }
        }

        return result.ToString();
    }

    // A soft hyphen is invisible in rendered text: "Commis­sion" must still read as one word.
    private static bool IsDroppedFormatCharacter(int codePoint) => codePoint == 0x00AD;

    private static RuneKind Classify(Rune rune)
    {
        // U+02BC is a letter for Unicode but an apostrophe for writers ("lʼIA"), so it separates.
        if (rune.Value == 0x02BC)
        {
            return RuneKind.Separator;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => RuneKind.Dropped,

            // Spacing marks are vowel signs inside Indic words; splitting there would cut words apart.
            UnicodeCategory.SpacingCombiningMark => RuneKind.Word,
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber => RuneKind.Word,
            _ => RuneKind.Separator,
        };
    }

    private enum RuneKind
    {
        Word,
        Separator,
        Dropped,
    }
}
