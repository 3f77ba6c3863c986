using System.Collections.Immutable;
using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>
/// Every enabled term of a watchlist compiled into one matcher. Thread-safe and immutable:
/// compile once per watchlist version, match many articles.
/// </summary>
/// <remarks>
/// Matching reads the article once: each word is looked up in one index of all the watchlist's
/// words and prefixes. Only the terms whose required words were all found (see <see cref="TermTriggers"/>)
/// are then evaluated, so the cost per article barely grows with the number of terms.
/// </remarks>
public sealed class CompiledWatchlist
{
    private readonly ImmutableArray<CompiledTerm> terms;
    private readonly WordIndex index;
    private readonly TermTriggers triggers;

    private CompiledWatchlist(ImmutableArray<CompiledTerm> terms, WordIndex index)
    {
        this.terms = terms;
        this.index = index;
        triggers = new TermTriggers(terms, index.KeyCount);
    }

    /// <summary>The number of enabled terms compiled.</summary>
    public int TermCount => terms.Length;

    /// <summary>Compiles the enabled terms. Throws <see cref="InvalidTermException"/> for the first invalid one.</summary>
    public static CompiledWatchlist Compile(IEnumerable<WatchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var index = new WordIndex();
        var compiled = ImmutableArray.CreateBuilder<CompiledTerm>();
        foreach (var term in terms.Where(term => term.Enabled))
        {
            try
            {
                compiled.Add(new CompiledTerm(term.Id, QueryParser.Parse(term.Query, term.MatchCase, index)));
            }
            catch (QueryParseException error)
            {
                throw new InvalidTermException(term.Id, error);
            }
        }

        index.Freeze();
        return new CompiledWatchlist(compiled.ToImmutable(), index);
    }

    /// <summary>Checks a query without compiling a watchlist; throws <see cref="QueryParseException"/>.</summary>
    public static void Validate(string query) => QueryParser.Parse(query, matchCase: false, new WordIndex());

    /// <summary>
    /// How a query is read, in prefix form with normalised words: <c>a OR -b c</c> gives
    /// <c>OR(a, AND(NOT(b), c))</c>. Throws <see cref="QueryParseException"/> for an invalid query.
    /// </summary>
    public static string Explain(string query, bool matchCase = false) =>
        QueryParser.Parse(query, matchCase, new WordIndex()).ToString();

    /// <summary>The terms that match, in watchlist order, each with its highlight spans.</summary>
    public IReadOnlyList<TermMatch> Match(ArticleText article)
    {
        var hits = ArticleHits.ForCurrentThread;
        hits.Reset(index.KeyCount);
        ArticleScanner.Scan(index, hits, article);
        if (hits.SeenKeys.IsEmpty)
        {
            return [];
        }

        hits.GroupByKey();
        List<TermMatch>? matches = null;
        foreach (var termNumber in triggers.FindCandidates(hits, terms.Length))
        {
            var term = terms[termNumber];
            hits.ClearPairs();
            if (!term.Query.IsTrue(hits))
            {
                continue;
            }

            hits.Highlights.Clear();
            term.Query.AddHighlights(hits);
            (matches ??= []).Add(new TermMatch(term.Id, HighlightMerger.Merge(hits.Highlights)));
        }

        return matches ?? (IReadOnlyList<TermMatch>)[];
    }
}
