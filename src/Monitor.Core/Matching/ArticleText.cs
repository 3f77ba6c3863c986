namespace NewsMonitor.Matching;

/// <summary>The three fields a query is evaluated over, together. Plain text.</summary>
public readonly record struct ArticleText(string Title, string Summary, string Content);
