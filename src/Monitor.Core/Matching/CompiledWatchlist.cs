using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>
/// Every enabled term of a watchlist compiled into one matcher. Thread-safe and immutable:
/// compile once per watchlist version, match many articles.
/// </summary>
public sealed class CompiledWatchlist
{
    /// <summary>Compiles the enabled terms. Throws <see cref="InvalidTermException"/> for the first invalid one.</summary>
    public static CompiledWatchlist Compile(IEnumerable<WatchTerm> terms) => throw new NotImplementedException();

    /// <summary>The terms that match, in watchlist order, each with its highlight spans.</summary>
    public IReadOnlyList<TermMatch> Match(ArticleText article) => throw new NotImplementedException();

    /// <summary>Checks a query without compiling a watchlist; throws <see cref="QueryParseException"/>.</summary>
    public static void Validate(string query) => throw new NotImplementedException();
}
