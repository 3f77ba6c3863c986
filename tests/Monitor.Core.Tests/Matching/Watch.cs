using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Matching;

/// <summary>Shortcuts for tests of one query against one text.</summary>
internal static class Watch
{
    public static CompiledWatchlist Compile(string query, bool matchCase = false) =>
        CompiledWatchlist.Compile([Term("t", query, matchCase)]);

    public static WatchTerm Term(string id, string query, bool matchCase = false) =>
        new() { Id = id, Name = id, Query = query, MatchCase = matchCase };

    /// <summary>Whether the query matches an article whose content is <paramref name="content"/>.</summary>
    public static bool Matches(string query, string content, bool matchCase = false) =>
        Compile(query, matchCase).Match(new ArticleText("", "", content)).Count == 1;

    /// <summary>The highlighted text, as "Field:characters", in order.</summary>
    public static string[] Highlighted(string query, ArticleText article, bool matchCase = false)
    {
        var matches = Compile(query, matchCase).Match(article);
        return matches.Count == 0 ? [] : [.. matches[0].Highlights.Select(span => Show(article, span))];
    }

    public static string Show(ArticleText article, HighlightSpan span)
    {
        var field = span.Field switch
        {
            ArticleField.Title => article.Title,
            ArticleField.Summary => article.Summary,
            _ => article.Content,
        };
        return $"{span.Field}:{field.Substring(span.Start, span.Length)}";
    }
}
