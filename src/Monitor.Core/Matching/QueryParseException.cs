namespace NewsMonitor.Matching;

/// <summary>An invalid query: where (0-based character position), what was expected and what was found.</summary>
public sealed class QueryParseException : FormatException
{
    public QueryParseException(string message, int position, string expected, string found)
        : base($"{message} at position {position}: expected {expected}, found {found}")
    {
        Position = position;
        Expected = expected;
        Found = found;
        Reason = message;
    }

    public int Position { get; }
    public string Expected { get; }
    public string Found { get; }
    public string Reason { get; }
}
