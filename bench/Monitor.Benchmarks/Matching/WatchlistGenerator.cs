using NewsMonitor.Storage;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>
/// Deterministic watchlists. Each one starts with the same realistic terms, so a smaller watchlist
/// is a prefix of a larger one; the rest watch generated entities, as words, phrases, prefixes,
/// boolean combinations with frequent words, and NEAR. With exclusions, one generated term in five
/// instead uses NOT NEAR and a fuzzy word.
/// </summary>
internal static class WatchlistGenerator
{
    private static readonly string[] Realistic =
    [
        "Mistral",
        "\"AI Act\" OR \"loi sur l'IA\"",
        "Commission NEAR/3 (européenne OR European)",
        "Anthropic OR OpenAI",
        "(Nvidia OR Google) AND (amende OR fine) -sport",
        "régul* NEAR/5 (IA OR AI)",
        "\"Thierry Breton\"",
        "Bruxelles -football",
        "CNIL OR Arcom",
        "\"intelligence artificielle\" OR \"artificial intelligence\"",
    ];

    public static WatchTerm[] Generate(int count, bool exclusions = false)
    {
        var random = new Random(ArticleCorpus.Seed + count);
        var entities = ArticleCorpus.EntityNames;
        var terms = new List<WatchTerm>(count);
        for (var i = 0; i < count; i++)
        {
            var query = i < Realistic.Length ? Realistic[i] : Generated(random, entities, i);
            if (exclusions && i >= Realistic.Length && i % 5 == 0)
            {
                query = WithExclusion(random, entities);
            }

            terms.Add(new WatchTerm { Id = $"t{i}", Name = $"term {i}", Query = query });
        }

        return [.. terms];
    }

    private static string Generated(Random random, string[] entities, int i)
    {
        string Entity() => Quote(entities[random.Next(20, entities.Length)]);
        // Conditions use topical words ("amende", "budget"), never function words ("de", "the").
        string Frequent() => random.Next(2) == 0
            ? Quote(Vocabulary.French[random.Next(Vocabulary.FunctionWords, Vocabulary.French.Length)])
            : Quote(Vocabulary.English[random.Next(Vocabulary.FunctionWords, Vocabulary.English.Length)]);

        return (i % 20) switch
        {
            < 8 => Entity(),
            < 12 => $"{Entity()} OR {Entity()}",
            < 14 => Prefix(entities[random.Next(20, entities.Length)]),
            < 17 => $"{Entity()} AND ({Frequent()} OR {Frequent()}) -{Frequent()}",
            _ => $"{Entity()} NEAR/{random.Next(1, 11)} ({Frequent()} OR {Entity()})",
        };
    }

    /// <summary>A fuzzy entity (its longest word fuzzy) whose occurrences near some topic words do not count.</summary>
    private static string WithExclusion(Random random, string[] entities)
    {
        var words = entities[random.Next(20, entities.Length)].Split(' ');
        var longest = Array.IndexOf(words, words.MaxBy(word => word.Length));
        if (words[longest].Length >= 5 && !words[longest].Contains('-', StringComparison.Ordinal) && !words[longest].Contains('\'', StringComparison.Ordinal) && !words[longest].Contains('’', StringComparison.Ordinal))
        {
            words[longest] += "~";
        }

        var entity = words.Length > 1 ? $"\"{string.Join(' ', words)}\"" : words[0];
        string Topic() => Quote(Vocabulary.French[random.Next(Vocabulary.FunctionWords, Vocabulary.French.Length)]);
        return $"{entity} NOT NEAR/{random.Next(1, 6)} ({Topic()} OR {Topic()})";
    }

    private static string Quote(string words) => words.Contains(' ', StringComparison.Ordinal) || words.Contains('-', StringComparison.Ordinal)
        || words.Contains('\'', StringComparison.Ordinal) || words.Contains('’', StringComparison.Ordinal) ? $"\"{words}\"" : words;

    private static string Prefix(string entity)
    {
        var word = entity.Split(' ', '-')[0];
        return word[..Math.Min(word.Length, 5)] + "*";
    }
}
