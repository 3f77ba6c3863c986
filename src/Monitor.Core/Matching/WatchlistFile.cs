using System.Text.Encodings.Web;
using System.Text.Json;
using NewsMonitor.Management;
using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>
/// Reads and writes the watchlist file: <c>{ "terms": [ { "id", "name", "query", "matchCase" } ] }</c>.
/// Queries are not checked here; <see cref="CompiledWatchlist.Compile"/> does that.
/// </summary>
/// <remarks>
/// Besides the documented fields, an optional <c>"enabled"</c> (default true) is read, and written
/// only for a disabled term, so that exporting then importing keeps a disabled term disabled.
/// </remarks>
public static class WatchlistFile
{
    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        // The file is edited by hand.
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonWriterOptions WriteOptions = new()
    {
        Indented = true,

        // Keeps "é" and "'" readable; the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <exception cref="WatchlistFormatException">The text is not a valid watchlist.</exception>
    public static IReadOnlyList<WatchTerm> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, ReadOptions);
            return ReadTerms(document.RootElement);
        }
        catch (JsonException error)
        {
            throw NotJson(error);
        }
    }

    /// <exception cref="WatchlistFormatException">The stream is not a valid watchlist.</exception>
    public static async Task<IReadOnlyList<WatchTerm>> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var document = await JsonDocument.ParseAsync(stream, ReadOptions, cancellationToken);
            return ReadTerms(document.RootElement);
        }
        catch (JsonException error)
        {
            throw NotJson(error);
        }
    }

    /// <exception cref="WatchlistFormatException">The file is not a valid watchlist.</exception>
    public static async Task<IReadOnlyList<WatchTerm>> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await ReadAsync(stream, cancellationToken);
    }

    public static async Task WriteAsync(Stream stream, IEnumerable<WatchTerm> terms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(terms);
        await using var writer = new Utf8JsonWriter(stream, WriteOptions);
        Write(writer, terms);
        await writer.FlushAsync(cancellationToken);
    }

    public static async Task SaveAsync(string path, IEnumerable<WatchTerm> terms, CancellationToken cancellationToken = default)
    {
        await using var stream = File.Create(path);
        await WriteAsync(stream, terms, cancellationToken);
    }

    public static string ToJson(IEnumerable<WatchTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriteOptions))
        {
            Write(writer, terms);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, IEnumerable<WatchTerm> terms)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("terms");
        foreach (var term in terms)
        {
            writer.WriteStartObject();
            writer.WriteString("id", term.Id);
            writer.WriteString("name", term.Name);
            writer.WriteString("query", term.Query);
            writer.WriteBoolean("matchCase", term.MatchCase);
            if (!term.Enabled)
            {
                writer.WriteBoolean("enabled", false);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static List<WatchTerm> ReadTerms(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("terms", out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw new WatchlistFormatException("watchlist file: expected an object with a \"terms\" array, as in { \"terms\": [ ... ] }");
        }

        var terms = new List<WatchTerm>();
        var firstIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in array.EnumerateArray())
        {
            var where = $"watchlist file: terms[{terms.Count}]";
            var term = ReadTerm(element, where);
            if (!firstIndexOfId.TryAdd(term.Id, terms.Count))
            {
                throw new WatchlistFormatException(
                    $"{where}: duplicate id '{term.Id}' (already used by terms[{firstIndexOfId[term.Id]}])");
            }

            terms.Add(term);
        }

        return terms;
    }

    private static WatchTerm ReadTerm(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new WatchlistFormatException($"{where}: expected an object with \"id\" and \"query\", found {element.ValueKind}");
        }

        var id = RequiredString(element, "id", where);
        where = $"{where} (id '{id}')";
        var name = OptionalString(element, "name", where);
        if (TextRules.NameProblem("name", name) is { } problem)
        {
            throw new WatchlistFormatException($"{where}: {problem}");
        }

        return new WatchTerm
        {
            Id = id,
            Name = name ?? id,
            Query = RequiredString(element, "query", where),
            MatchCase = OptionalBoolean(element, "matchCase", where) ?? false,
            Enabled = OptionalBoolean(element, "enabled", where) ?? true,
        };
    }

    private static string RequiredString(JsonElement element, string name, string where)
    {
        var value = OptionalString(element, name, where);
        return string.IsNullOrWhiteSpace(value)
            ? throw new WatchlistFormatException($"{where}: missing \"{name}\"")
            : value;
    }

    private static string? OptionalString(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new WatchlistFormatException($"{where}: \"{name}\" must be a string, found {value.ValueKind}");
    }

    private static bool? OptionalBoolean(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new WatchlistFormatException($"{where}: \"{name}\" must be true or false, found {value.ValueKind}"),
        };
    }

    private static WatchlistFormatException NotJson(JsonException error) =>
        new($"watchlist file is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}): {FirstSentence(error.Message)}", error);

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own 0-based "LineNumber: … | BytePositionInLine: …".
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
