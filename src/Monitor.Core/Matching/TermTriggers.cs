using System.Collections.Immutable;

namespace NewsMonitor.Matching;

/// <summary>
/// Which terms to evaluate for an article: each term is filed under the keys of its rarest clause
/// (see <see cref="KeyRequirements"/>), and kept only if the article also satisfies its other
/// clauses. Every other term is false for the article without being looked at.
/// </summary>
internal sealed class TermTriggers
{
    // For each key, the terms whose rarest clause contains it.
    private readonly int[][] termsByKey;

    // The other clauses of every term, flat so that checking them touches little memory:
    // clauses of term t are clauses[clauseStart[t]..clauseStart[t + 1]], each stored as its
    // key count followed by its keys.
    private readonly int[] clauseStart;
    private readonly int[] clauses;

    public TermTriggers(ImmutableArray<CompiledTerm> terms, int keyCount)
    {
        var termsOfKey = new List<int>?[keyCount];
        var flat = new List<int>();
        clauseStart = new int[terms.Length + 1];
        for (var termNumber = 0; termNumber < terms.Length; termNumber++)
        {
            var requirements = terms[termNumber].Query.RequiredWhenTrue();
            var rarest = requirements.Rarest;
            foreach (var key in rarest.Keys.Distinct())
            {
                (termsOfKey[key] ??= []).Add(termNumber);
            }

            clauseStart[termNumber] = flat.Count;
            foreach (var clause in requirements.Clauses.Where(clause => clause != rarest).Distinct())
            {
                flat.Add(clause.Keys.Length);
                flat.AddRange(clause.Keys);
            }
        }

        clauseStart[terms.Length] = flat.Count;
        clauses = [.. flat];
        termsByKey = [.. termsOfKey.Select(list => list is null ? [] : list.ToArray())];
    }

    /// <summary>The terms worth evaluating for the article in <paramref name="hits"/>, in watchlist order.</summary>
    public ReadOnlySpan<int> FindCandidates(ArticleHits hits, int termCount)
    {
        var candidates = hits.Candidates;
        candidates.Reset(termCount);
        foreach (var key in hits.SeenKeys)
        {
            foreach (var termNumber in termsByKey[key])
            {
                if (!candidates.Contains(termNumber) && SatisfiesOtherClauses(termNumber, hits))
                {
                    candidates.Add(termNumber);
                }
            }
        }

        return candidates.InOrder();
    }

    private bool SatisfiesOtherClauses(int termNumber, ArticleHits hits)
    {
        var next = clauseStart[termNumber];
        var end = clauseStart[termNumber + 1];
        while (next < end)
        {
            var keys = clauses.AsSpan(next + 1, clauses[next]);
            next += keys.Length + 1;
            if (!SatisfiesClause(keys, hits))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SatisfiesClause(ReadOnlySpan<int> keys, ArticleHits hits)
    {
        foreach (var key in keys)
        {
            if (hits.Saw(key))
            {
                return true;
            }
        }

        return false;
    }
}
