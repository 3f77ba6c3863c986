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
    string Query, bool MatchCase, string Explained, int Tested, IReadOnlyList<TermTestMatch> Matches, TermExplanation? Explanation = null)
{
    /// <summary>With a <see cref="TermTestRequest.TermId"/>: the articles subscribers marked "not relevant" to that term.</summary>
    public IReadOnlyList<ExampleToExclude> ExamplesToExclude { get; init; } = [];
}

/// <summary>
/// An article reported "not relevant" to a term, by <see cref="FlaggedBy"/> subscribers, and whether the query tested
/// (<see cref="StillMatches"/>) still matches it: its stored text when <see cref="ArticleStored"/>, else its title alone.
/// </summary>
public sealed record ExampleToExclude(string ArticleId, string? Url, string Title, int FlaggedBy, DateTimeOffset LastFlaggedAt, bool StillMatches, bool ArticleStored);

/// <summary>Runs a query, saved or not, before it is saved: how "Mistral" gets tuned to leave the wind out.</summary>
public sealed class TermTester(ITermStore terms, IArticleStore articles, IFeedbackStore feedback)
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
            return new TermTestResult(query, matchCase, explained, 1, found, QueryExplainer.Explain(query, matchCase, given))
            {
                ExamplesToExclude = await ExamplesAsync(request.TermId, watchlist, ct),
            };
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

        return new TermTestResult(query, matchCase, explained, recent.Count, matches) { ExamplesToExclude = await ExamplesAsync(request.TermId, watchlist, ct) };
    }

    /// <summary>The "not relevant" reports on a saved term, one row per subscriber and article, oldest first.</summary>
    public async Task<IReadOnlyList<ArticleFeedback>> FeedbackAsync(string termId, CancellationToken ct)
    {
        _ = await terms.GetTermAsync(termId, ct) ?? throw new ApiProblemException(ApiProblem.NotFound("term", termId));
        return await feedback.ListFeedbackForTermAsync(termId, ct);
    }

    /// <summary>The term's reported articles, most reported first, each tried against the query being tested.</summary>
    private async Task<IReadOnlyList<ExampleToExclude>> ExamplesAsync(string? termId, CompiledWatchlist watchlist, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(termId))
        {
            return [];
        }

        var examples = new List<ExampleToExclude>();
        foreach (var reports in (await feedback.ListFeedbackForTermAsync(termId, ct)).GroupBy(f => f.ArticleId, StringComparer.Ordinal))
        {
            var latest = reports.MaxBy(r => r.At)!;
            var stored = await articles.GetArticleAsync(reports.Key, ct);
            var text = stored is null ? new ArticleText(latest.Title, "", "") : new ArticleText(stored.Title, stored.Summary, stored.Content);
            examples.Add(new ExampleToExclude(
                reports.Key, WebLinks.OrNull(latest.Url), latest.Title, reports.Count(), latest.At, watchlist.Match(text).Count > 0, stored is not null));
        }

        return [.. examples.OrderByDescending(e => e.FlaggedBy).ThenByDescending(e => e.LastFlaggedAt)];
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
