using NewsMonitor.Digests;
using NewsMonitor.Feeds;
using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>
/// A query to try: a saved term (<see cref="TermId"/>) or an unsaved <see cref="Query"/>, against the given
/// <see cref="Text"/>, or else against the <see cref="Last"/> stored articles (newest first).
/// </summary>
public sealed record TermTestRequest(string? TermId, string? Query, bool? MatchCase, string? Text, int? Last);

/// <summary>A run of text, <see cref="Hit"/> when it is one of the words that made the query true.</summary>
public sealed record TextRun(string Text, bool Hit);

/// <summary>
/// One article (or the given text) the query matched: the raw spans, and the title and an excerpt split into
/// runs so a page can show the highlights without re-implementing them.
/// </summary>
public sealed record TermTestMatch(
    string? ArticleId,
    string? Url,
    string? Source,
    DateTimeOffset? Published,
    IReadOnlyList<TextRun> Title,
    IReadOnlyList<TextRun> Excerpt,
    IReadOnlyList<HighlightSpan> Highlights);

/// <summary>
/// The query as understood (<see cref="Explained"/>), how many texts were tried, and those that matched. For
/// a given text, <see cref="Explanation"/> says why it matched or not, part by part.
/// </summary>
public sealed record TermTestResult(
    string Query, bool MatchCase, string Explained, int Tested, IReadOnlyList<TermTestMatch> Matches, TermExplanation? Explanation = null);

/// <summary>Runs a query, saved or not, before it is saved: how "Mistral" gets tuned to leave the wind out.</summary>
public sealed class TermTester(ITermStore terms, IArticleStore articles)
{
    public const int DefaultLast = 200;
    public const int MaxLast = 2000;
    public const int MaxTextLength = 200_000;

    public async Task<TermTestResult> TestAsync(TermTestRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (query, matchCase) = await ResolveQueryAsync(request, ct);
        var watchlist = QueryChecks.Compile(query, matchCase);
        var explained = CompiledWatchlist.Explain(query, matchCase);

        if (request.Text is { } text)
        {
            if (text.Length > MaxTextLength)
            {
                throw new ApiProblemException(ApiProblem.Invalid("text", $"text is longer than {MaxTextLength} characters"));
            }

            var given = new ArticleText("", "", text);
            var spans = watchlist.Match(given).SingleOrDefault()?.Highlights;
            IReadOnlyList<TermTestMatch> found = spans is null ? [] : [new TermTestMatch(null, null, null, null, [], Runs(Snippet.Of(text, spans, ArticleField.Content)), spans)];
            return new TermTestResult(query, matchCase, explained, 1, found, QueryExplainer.Explain(query, matchCase, given));
        }

        var last = request.Last ?? DefaultLast;
        if (last is < 1 or > MaxLast)
        {
            throw new ApiProblemException(ApiProblem.Invalid("last", $"last must be between 1 and {MaxLast}"));
        }

        var recent = await articles.ListRecentArticlesAsync(last, ct);
        var matches = new List<TermTestMatch>();
        foreach (var article in recent)
        {
            if (watchlist.Match(new ArticleText(article.Title, article.Summary, article.Content)).SingleOrDefault() is { } match)
            {
                matches.Add(new TermTestMatch(
                    article.Id,
                    WebLinks.OrNull(article.Url),
                    article.Source,
                    article.Published,
                    Runs(Snippet.Of(article.Title, match.Highlights, ArticleField.Title)),
                    Runs(Snippet.Around(article, match.Highlights)),
                    match.Highlights));
            }
        }

        return new TermTestResult(query, matchCase, explained, recent.Count, matches);
    }

    private async Task<(string Query, bool MatchCase)> ResolveQueryAsync(TermTestRequest request, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            return (request.Query, request.MatchCase ?? false);
        }

        if (string.IsNullOrWhiteSpace(request.TermId))
        {
            throw new ApiProblemException(ApiProblem.Invalid("query", "give a query to test, or the termId of a saved term"));
        }

        var term = await terms.GetTermAsync(request.TermId, ct) ?? throw new ApiProblemException(ApiProblem.NotFound("term", request.TermId));
        return (term.Query, request.MatchCase ?? term.MatchCase);
    }

    private static TextRun[] Runs(Snippet snippet) => [.. snippet.Runs.Select(r => new TextRun(r.Text, r.Highlighted))];
}
