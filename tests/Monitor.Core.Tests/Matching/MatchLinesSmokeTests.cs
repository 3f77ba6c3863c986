using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

public sealed class MatchLinesSmokeTests
{
    [Fact]
    public async Task Writes_one_line_per_article_and_reports_bad_lines()
    {
        var terms = WatchlistFile.Parse("""{ "terms": [ { "id": "aiact", "name": "AI Act", "query": "\"AI Act\" OR \"loi sur l'IA\"" } ] }""");
        var watchlist = CompiledWatchlist.Compile(terms);
        var input = new StringReader("{\"id\":\"1\",\"title\":\"La loi sur l’IA\"}\nnot json\n{\"id\":\"2\"}\n");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await MatchLines.RunAsync(watchlist, input, output, error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Equal("{\"id\":\"1\",\"terms\":[\"aiact\"]}\n{\"id\":\"2\",\"terms\":[]}\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.StartsWith("line 2: not valid JSON", error.ToString(), StringComparison.Ordinal);
    }
}
