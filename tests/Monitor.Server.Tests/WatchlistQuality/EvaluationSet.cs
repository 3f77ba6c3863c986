using System.Text.Json;
using NewsMonitor.Matching;

namespace NewsMonitor.Tests.WatchlistQuality;

/// <summary>
/// The labelled articles of <c>evaluation.jsonl</c>: one JSON object a line,
/// <c>{"id","lang","kind","labels":[term ids],"title","summary","content"?}</c>. The <c>match</c> verb reads
/// the same file (it ignores the extra fields), so a person can score it with <c>evaluate.sh</c>.
/// </summary>
/// <remarks>
/// <c>labels</c> names every default term the article is about (none for a hard negative); <c>kind</c>
/// says why the article is in the set, as <c>term:kind</c> (<c>mistral:wind</c>, <c>aiact:colorado</c>,
/// <c>mistral:true</c>…), so coverage can be counted per look-alike.
/// </remarks>
internal sealed record EvaluationSet(IReadOnlyList<EvaluationSet.Article> Articles)
{
    public static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, "WatchlistQuality", "evaluation.jsonl");

    public sealed record Article(string Id, string Language, string Kind, IReadOnlySet<string> Labels, ArticleText Text)
    {
        /// <summary>The term the article was written for ("mistral" of "mistral:wind").</summary>
        public string KindTerm => Kind.Split(':')[0];

        public bool IsLookAlike => !Kind.EndsWith(":true", StringComparison.Ordinal) && !Labels.Contains(KindTerm);
    }

    public static EvaluationSet Load(string path)
    {
        var articles = new List<Article>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                articles.Add(Read(line));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} line {lineNumber}: {e.Message}", e);
            }
        }

        return new EvaluationSet(articles);
    }

    private static Article Read(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
        return new Article(
            root.GetProperty("id").GetString()!,
            Text("lang"),
            root.GetProperty("kind").GetString()!,
            root.GetProperty("labels").EnumerateArray().Select(label => label.GetString()!).ToHashSet(StringComparer.Ordinal),
            new ArticleText(Text("title"), Text("summary"), Text("content")));
    }
}
