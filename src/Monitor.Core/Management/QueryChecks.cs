using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>Parses a query the way matching will, turning a parse error into a 400 that says where and why.</summary>
internal static class QueryChecks
{
    public static CompiledWatchlist Compile(string query, bool matchCase)
    {
        try
        {
            return CompiledWatchlist.Compile([new WatchTerm { Id = "query", Name = "query", Query = query, MatchCase = matchCase }]);
        }
        catch (InvalidTermException e)
        {
            throw new ApiProblemException(ApiProblem.InvalidQuery(e.Error));
        }
    }

    public static void ThrowIfInvalid(string query, bool matchCase) => _ = Compile(query, matchCase);
}
