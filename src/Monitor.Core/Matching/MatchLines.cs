using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>
/// The <c>match</c> verb: reads articles as JSON Lines (<c>{"id","title","summary","content"}</c>,
/// missing fields empty) and writes one line per article, <c>{"id": ..., "terms": [ids]}</c>, and with
/// explanations, <c>"explanations": [{"term": id, "matched": ..., "query": ...}]</c> for every term (see <see cref="TermExplanation"/>).
/// </summary>
public static class MatchLines
{
    private static readonly JsonWriterOptions WriteOptions = new()
    {
        // Keeps ids with accents readable; the output is JSON Lines, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions ExplanationOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc cref="RunAsync(CompiledWatchlist, IReadOnlyList{WatchTerm}?, TextReader, TextWriter, TextWriter, CancellationToken)"/>
    public static Task<int> RunAsync(
        CompiledWatchlist watchlist, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(watchlist, null, input, output, error, cancellationToken);

    /// <summary>
    /// Matches every line; explains, for every article, each of <paramref name="explained"/> (the
    /// watchlist's enabled terms) unless it is null. A bad line (not JSON, not an object, no string "id", a field that is not a
    /// string) is reported on <paramref name="error"/> with its 1-based line number and skipped; blank
    /// lines are ignored.
    /// </summary>
    /// <returns>0 when every line was matched, 1 when at least one was bad.</returns>
    public static async Task<int> RunAsync(
        CompiledWatchlist watchlist,
        IReadOnlyList<WatchTerm>? explained,
        TextReader input,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var buffer = new ArrayBufferWriter<byte>();
        var lineNumber = 0;
        var badLines = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!ArticleLine.TryParse(line, out var article, out var problem))
            {
                badLines++;
                await error.WriteLineAsync($"line {lineNumber}: {problem}".AsMemory(), cancellationToken);
                continue;
            }

            var matches = watchlist.Match(article.Text);
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("id", article.Id);
                writer.WriteStartArray("terms");
                foreach (var match in matches)
                {
                    writer.WriteStringValue(match.TermId);
                }

                writer.WriteEndArray();
                if (explained is not null)
                {
                    WriteExplanations(writer, explained, article.Text);
                }

                writer.WriteEndObject();
            }

            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan).AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
        return badLines == 0 ? 0 : 1;
    }

    private static void WriteExplanations(Utf8JsonWriter writer, IReadOnlyList<WatchTerm> terms, ArticleText article)
    {
        writer.WriteStartArray("explanations");
        foreach (var term in terms.Where(term => term.Enabled))
        {
            var explanation = QueryExplainer.Explain(term.Query, term.MatchCase, article);
            writer.WriteStartObject();
            writer.WriteString("term", term.Id);
            writer.WriteBoolean("matched", explanation.Matched);
            writer.WritePropertyName("query");
            JsonSerializer.Serialize(writer, explanation.Query, ExplanationOptions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
