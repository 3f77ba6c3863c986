using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace NewsMonitor.Matching;

/// <summary>
/// What one character of text becomes once normalised: compatibility-decomposed (NFKD), diacritics
/// dropped, case folded or kept, and classified as word character or separator.
/// </summary>
/// <remarks>
/// Each BMP character is normalised once per process, on first sight, and remembered in a table:
/// calling string.Normalize on every article would dominate the cost of matching. Decomposing
/// character by character equals decomposing the whole text here, because canonical reordering
/// only moves combining marks and every combining mark is dropped.
/// </remarks>
internal static class CharFolding
{
    /// <summary>Table entries at or above this value are markers, never word characters.</summary>
    /// <remarks>U+FFF0–U+FFF8 are unassigned and U+FFF9 and above are specials: no letter folds there.</remarks>
    public const char FirstMarker = '\uFFF0';

    /// <summary>The character expands to several; read them with <see cref="Expansion"/>.</summary>
    public const char Expands = '\uFFF0';

    /// <summary>The character disappears without ending the word (a combining accent, a soft hyphen).</summary>
    public const char Dropped = '\uFFF1';

    /// <summary>The character ends the current word.</summary>
    public const char Separator = '\uFFF2';

    // 0 means "not computed yet"; U+0000 is a control character, so never a valid entry.
    private static readonly char[] CaseKept = new char[char.MaxValue + 1];
    private static readonly char[] CaseFolded = new char[char.MaxValue + 1];
    private static readonly char[] Lowers = new char[char.MaxValue + 1];
    private static readonly char[] NumberSeparators = new char[char.MaxValue + 1];
    private static readonly ConcurrentDictionary<int, string> KeptExpansions = new();
    private static readonly ConcurrentDictionary<int, string> FoldedExpansions = new();

    /// <summary>
    /// The table a scanner reads: per character, its single folded form or a marker (see
    /// <see cref="FirstMarker"/>), or 0 until <see cref="Compute"/> has seen the character.
    /// </summary>
    public static char[] Table(bool foldCase) => foldCase ? CaseFolded : CaseKept;

    /// <summary>True for a folded word character: neither 0 (not computed) nor a marker.</summary>
    public static bool IsWordCharacter(char folded) => (uint)(folded - 1) < FirstMarker - 1;

    /// <summary>Computes, remembers and returns the table entry of <paramref name="c"/>.</summary>
    public static char Compute(char c, bool foldCase)
    {
        char kept;
        if (char.IsSurrogate(c))
        {
            kept = Expands;
        }
        else
        {
            var expansion = Expansion(c, foldCase: false);
            kept = expansion.Length switch
            {
                0 => Dropped,
                1 => expansion[0],
                _ => Expands,
            };
        }

        // Benign race: every thread computes the same value.
        NumberSeparators[c] = ComputeNumberSeparator(c);
        CaseKept[c] = kept;
        CaseFolded[c] = IsWordCharacter(kept) ? Lower(kept) : kept;
        return foldCase ? CaseFolded[c] : CaseKept[c];
    }

    /// <summary>
    /// The folded characters of a code point (BMP or from a surrogate pair), markers replaced:
    /// dropped characters omitted, <see cref="Separator"/> between words.
    /// </summary>
    public static string Expansion(int codePoint, bool foldCase) => foldCase
        ? FoldedExpansions.GetOrAdd(codePoint, static codePoint => LowerAll(Expansion(codePoint, foldCase: false)))
        : KeptExpansions.GetOrAdd(codePoint, ComputeExpansion);

    /// <summary>
    /// What a separator becomes inside a number (see <see cref="WordSplitter"/>): one of
    /// <c>, . / '</c> or a space, or 0 when it cannot join digit groups. Valid once <see cref="Compute"/> has seen it.
    /// </summary>
    public static char NumberSeparator(char c) => NumberSeparators[c];

    /// <summary>Case folding of one word character that is already normalised.</summary>
    public static char Lower(char c)
    {
        var lower = Lowers[c];
        if (lower != '\0')
        {
            return lower;
        }

        // Upper then lower folds letters with several lower forms (final sigma) onto one.
        lower = char.ToLowerInvariant(char.ToUpperInvariant(c));
        Lowers[c] = lower;
        return lower;
    }

    // Every kind of space (no-break, narrow, thin...) decomposes to a plain one, as ',' variants to ','.
    private static char ComputeNumberSeparator(char c)
    {
        if (char.IsSurrogate(c))
        {
            return '\0';
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormKD);
        return decomposed is [',' or '.' or '/' or '\'' or ' '] ? decomposed[0] : '\0';
    }

    private static string LowerAll(string expansion) =>
        string.Create(expansion.Length, expansion, static (lowered, expansion) =>
        {
            for (var i = 0; i < expansion.Length; i++)
            {
                lowered[i] = expansion[i] == Separator ? Separator : Lower(expansion[i]);
            }
        });

    private static string ComputeExpansion(int codePoint)
    {
        // A soft hyphen is invisible in rendered text: "Commis­sion" must still read as one word.
        if (codePoint == 0x00AD)
        {
            return "";
        }

        if (codePoint is >= 0xD800 and <= 0xDFFF)
        {
            return Separator.ToString();
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
