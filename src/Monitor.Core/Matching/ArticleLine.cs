using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace NewsMonitor.Matching;

/// <summary>One article of the <c>match</c> verb's input: <c>{"id","title","summary","content"}</c>.</summary>
internal sealed record ArticleLine(string Id, ArticleText Text)
{
    public static bool TryParse(string line, [NotNullWhen(true)] out ArticleLine? article, [NotNullWhen(false)] out string? problem)
    {
        article = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"expected a JSON object {{\"id\", \"title\", \"summary\", \"content\"}}, found {root.ValueKind}";
                return false;
            }

            if (!root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
            {
                problem = "missing \"id\" (a non-empty string)";
                return false;
            }

            if (!TryReadText(root, "title", out var title, out problem)
                || !TryReadText(root, "summary", out var summary, out problem)
                || !TryReadText(root, "content", out var content, out problem))
            {
                return false;
            }

            article = new ArticleLine(id.GetString()!, new ArticleText(title, summary, content));
            return true;
        }
        catch (JsonException error)
        {
            problem = $"not valid JSON (byte {error.BytePositionInLine + 1}): {error.Message.Split(" LineNumber:")[0]}";
            return false;
        }
    }

    private static bool TryReadText(JsonElement root, string name, out string text, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        text = "";
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem = $"\"{name}\" must be a string, found {value.ValueKind}";
            return false;
        }

        text = value.GetString()!;
        return true;
    }
}
