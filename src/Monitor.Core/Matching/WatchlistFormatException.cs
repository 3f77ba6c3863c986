namespace NewsMonitor.Matching;

/// <summary>A watchlist file that cannot be read: not JSON, or a term without id or query, or a duplicate id.</summary>
public sealed class WatchlistFormatException : FormatException
{
    public WatchlistFormatException(string message)
        : base(message)
    {
    }

    public WatchlistFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public WatchlistFormatException()
    {
    }
}
