using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

/// <summary>The <c>match</c> verb: JSON Lines of articles in, one line of matched term ids per article out.</summary>
public sealed class MatchLinesTests
{
    private static readonly CompiledWatchlist Watchlist = CompiledWatchlist.Compile(WatchlistFile.Parse("""
        { "terms": [
          { "id": "aiact", "name": "AI Act", "query": "\"AI Act\" OR \"loi sur l'IA\"" },
          { "id": "mistral", "name": "Mistral", "query": "Mistral" },
          { "id": "ec", "name": "Commission", "query": "Commission", "matchCase": true }
        ] }
        """));

    [Fact]
    public async Task Writes_one_line_per_article_with_the_terms_in_watchlist_order()
    {
        var (code, output, error) = await RunAsync(
            """
            {"id":"1","title":"Mistral et la loi sur l’IA","summary":"","content":"la Commission"}
            {"id":"2","title":"Rien à signaler"}
            {"id":"é3","content":"the commission and Mistral's AI Act","summary":null}
            """);

        Assert.Equal(0, code);
        Assert.Equal(
            """
            {"id":"1","terms":["aiact","mistral","ec"]}
            {"id":"2","terms":[]}
            {"id":"é3","terms":["aiact","mistral"]}

            """,
            output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Reports_each_bad_line_with_its_number_and_goes_on()
    {
        var (code, output, error) = await RunAsync(
            """
            not json

            {"id":"ok","title":"Mistral"}
            ["Mistral"]
            {"title":"Mistral"}
            {"id":42}
            {"id":"t","title":7}
            {"id":"last","content":"Commission"}
            """);

        Assert.Equal(1, code);
        Assert.Equal(
            """
            {"id":"ok","terms":["mistral"]}
            {"id":"last","terms":["ec"]}

            """,
            output);
        Assert.StartsWith("line 1: not valid JSON (byte ", error, StringComparison.Ordinal);
        Assert.EndsWith(
            """
            
            line 4: expected a JSON object {"id", "title", "summary", "content"}, found Array
            line 5: missing "id" (a non-empty string)
            line 6: missing "id" (a non-empty string)
            line 7: "title" must be a string, found Number

            """,
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explains_every_term_for_every_article_when_asked()
    {
        var terms = WatchlistFile.Parse("""
            { "terms": [
              { "id": "mistral", "name": "Mistral", "query": "Mistral NOT NEAR/3 vent" },
              { "id": "ec", "name": "Commission", "query": "Commission" }
            ] }
            """);
        using var output = new StringWriter { NewLine = "\n" };

        var code = await MatchLines.RunAsync(
            CompiledWatchlist.Compile(terms), terms, new StringReader("""{"id":"1","content":"le vent et Mistral"}"""), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, code);
        using var line = System.Text.Json.JsonDocument.Parse(output.ToString());
        var root = line.RootElement;
        Assert.Equal(0, root.GetProperty("terms").GetArrayLength());
        var explanations = root.GetProperty("explanations");
        Assert.Equal(["mistral", "ec"], explanations.EnumerateArray().Select(e => e.GetProperty("term").GetString()));
        var mistral = explanations[0];
        Assert.False(mistral.GetProperty("matched").GetBoolean());
        var excluded = mistral.GetProperty("query").GetProperty("excluded")[0];
        Assert.Equal("vent", excluded.GetProperty("excludedBy").GetProperty("text").GetString());
        Assert.Equal("content", excluded.GetProperty("excludedBy").GetProperty("field").GetString());
        Assert.Equal(3, excluded.GetProperty("excludedBy").GetProperty("start").GetInt32());
        Assert.Equal("not found", explanations[1].GetProperty("query").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Writes_nothing_for_empty_input()
    {
        var (code, output, error) = await RunAsync("");

        Assert.Equal((0, "", ""), (code, output, error));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string input)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = await MatchLines.RunAsync(Watchlist, new StringReader(input), output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
