using System.Collections.Immutable;

namespace NewsMonitor.Matching;

/// <summary>
/// At least one of these keys is present in an article. Cost guesses how often that happens, so
/// that the rarest clause of a term is the one that triggers its evaluation.
/// </summary>
internal sealed record KeyClause(ImmutableArray<int> Keys, double Cost)
{
    // Words found in nearly every French or English article: the worst possible triggers.
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "au", "aux", "be", "by", "c", "ce", "d", "dans", "de", "des", "du",
        "en", "est", "et", "for", "from", "has", "il", "in", "is", "it", "j", "l", "la", "le", "les", "m", "n",
        "ne", "of", "on", "or", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "se", "sur", "t", "that",
        "the", "this", "to", "un", "une", "was", "with", "y",
    };

    /// <summary>
    /// Guesses without statistics: a longer word is rarer, a capitalised one (a name) rarer still, a
    /// function word very common, and a prefix or fuzzy word matches more than the same word. Only speed depends
    /// on the guess, never which terms match.
    /// </summary>
    public static KeyClause Of(QueryWord word)
    {
        var cost = 16.0 / (word.Text.Length + 1);
        cost *= word.IsPrefix || word.IsFuzzy ? 2 : 1;
        cost *= word.IsCapitalised ? 0.5 : 1;
        cost *= CommonWords.Contains(word.Text.ToLowerInvariant()) ? 16 : 1;
        return new KeyClause([word.Key], cost);
    }
}
