using System.Text;
using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Matching;

public sealed class WatchlistFileTests
{
    [Fact]
    public void Reads_the_documented_format()
    {
        var terms = WatchlistFile.Parse("""
            { "terms": [
              { "id": "aiact", "name": "AI Act", "query": "\"AI Act\" OR \"loi sur l'IA\"", "matchCase": false },
              { "id": "ec", "name": "Commission", "query": "Commission", "matchCase": true }
            ] }
            """);

        Assert.Equal(
            [
                new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\" OR \"loi sur l'IA\"" },
                new WatchTerm { Id = "ec", Name = "Commission", Query = "Commission", MatchCase = true },
            ],
            terms);
    }

    [Fact]
    public void Defaults_name_to_id_and_match_case_to_false_and_accepts_comments()
    {
        var terms = WatchlistFile.Parse("""
            // hand-edited
            { "terms": [ { "id": "m", "query": "Mistral", }, ], "version": 2 }
            """);

        Assert.Equal([new WatchTerm { Id = "m", Name = "m", Query = "Mistral" }], terms);
    }

    [Fact]
    public async Task Writes_what_it_reads()
    {
        WatchTerm[] terms =
        [
            new() { Id = "aiact", Name = "Loi sur l’IA", Query = "\"AI Act\" OR \"loi sur l'IA\"" },
            new() { Id = "ec", Name = "Commission", Query = "Commission", MatchCase = true, Enabled = false },
        ];
        using var stream = new MemoryStream();

        await WatchlistFile.WriteAsync(stream, terms);
        stream.Position = 0;
        var read = await WatchlistFile.ReadAsync(stream);

        Assert.Equal(terms, read);
        Assert.Contains("\"name\": \"Loi sur l’IA\"", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saves_and_loads_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"watchlist-{Guid.NewGuid():N}.json");
        try
        {
            WatchTerm[] terms = [new() { Id = "m", Name = "Mistral", Query = "Mistral*" }];

            await WatchlistFile.SaveAsync(path, terms);

            Assert.Equal(terms, await WatchlistFile.LoadAsync(path));
            Assert.Equal(WatchlistFile.ToJson(terms), await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{ "terms": [ { "name": "x", "query": "x" } ] }""", "watchlist file: terms[0]: missing \"id\"")]
    [InlineData("""{ "terms": [ { "id": " ", "query": "x" } ] }""", "watchlist file: terms[0]: missing \"id\"")]
    [InlineData("""{ "terms": [ { "id": "a", "query": "x" }, { "id": "b" } ] }""", "watchlist file: terms[1] (id 'b'): missing \"query\"")]
    [InlineData("""{ "terms": [ { "id": "a", "query": null } ] }""", "watchlist file: terms[0] (id 'a'): missing \"query\"")]
    [InlineData("""{ "terms": [ { "id": "a", "query": "x" }, { "id": "a", "query": "y" } ] }""", "watchlist file: terms[1]: duplicate id 'a' (already used by terms[0])")]
    [InlineData("""{ "terms": [ { "id": 7, "query": "x" } ] }""", "watchlist file: terms[0]: \"id\" must be a string, found Number")]
    [InlineData("""{ "terms": [ { "id": "a", "query": "x", "matchCase": "yes" } ] }""", "watchlist file: terms[0] (id 'a'): \"matchCase\" must be true or false, found String")]
    [InlineData("""{ "terms": [ "Mistral" ] }""", "watchlist file: terms[0]: expected an object with \"id\" and \"query\", found String")]
    [InlineData("""{ "items": [] }""", "watchlist file: expected an object with a \"terms\" array, as in { \"terms\": [ ... ] }")]
    [InlineData("""[]""", "watchlist file: expected an object with a \"terms\" array, as in { \"terms\": [ ... ] }")]
    public void Says_what_is_wrong(string json, string message)
    {
        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistFile.Parse(json));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{ \"terms\": [\n  { \"id\": \"a\" \"query\": \"x\" } ] }", "watchlist file is not valid JSON (line 2, byte 15): ")]
    [InlineData("", "watchlist file is not valid JSON (line 1, byte 1): ")]
    public void Says_where_the_json_is_broken(string json, string messageStart)
    {
        var error = Assert.Throws<WatchlistFormatException>(() => WatchlistFile.Parse(json));

        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }
}
