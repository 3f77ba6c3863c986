using System.Text;
using NewsMonitor.Matching;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>
/// Deterministic French and English articles of 1 to 10 KB (UTF-8): words of a 30,000-word
/// vocabulary (real frequent words first) and entity names (one word in eight), both drawn with a
/// Zipf-like frequency; elisions, no-break spaces, hyphens, accents.
/// </summary>
internal static class ArticleCorpus
{
    public const int Seed = 20_240_601;
    public const int EntityCount = 20_000;

    public const int RareWordCount = 30_000;

    public static readonly string[] EntityNames = Entities.Generate(EntityCount, Seed);

    private static readonly string[] FrenchWords = Vocabulary.WithRareWords(Vocabulary.French, RareWordCount, Seed + 1);
    private static readonly string[] EnglishWords = Vocabulary.WithRareWords(Vocabulary.English, RareWordCount, Seed + 2);

    public static ArticleText[] Generate(int count)
    {
        var random = new Random(Seed);
        return [.. Enumerable.Range(0, count).Select(_ => Article(random))];
    }

    public static long Utf8Bytes(IEnumerable<ArticleText> articles) =>
        articles.Sum(article => (long)Encoding.UTF8.GetByteCount(article.Title)
            + Encoding.UTF8.GetByteCount(article.Summary) + Encoding.UTF8.GetByteCount(article.Content));

    private static ArticleText Article(Random random)
    {
        var french = random.Next(2) == 0;
        var words = french ? FrenchWords : EnglishWords;
        var contentBytes = random.Next(1_000, 10_000);
        return new ArticleText(
            Sentence(random, words, french, 6, 12).TrimEnd('.', ' '),
            Sentence(random, words, french, 20, 40),
            Paragraphs(random, words, french, contentBytes));
    }

    private static string Paragraphs(Random random, string[] words, bool french, int bytes)
    {
        var text = new StringBuilder();
        while (text.Length < bytes)
        {
            text.Append(Sentence(random, words, french, 8, 30));
            if (random.Next(5) == 0)
            {
                text.Append("\n\n");
            }
        }

        return text.ToString();
    }

    private static string Sentence(Random random, string[] words, bool french, int minWords, int maxWords)
    {
        var sentence = new StringBuilder();
        var count = random.Next(minWords, maxWords + 1);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sentence.Append(Separator(random, french));
            }

            var word = random.Next(8) == 0 ? EntityNames[Skewed(random, EntityNames.Length)] : words[Skewed(random, words.Length)];
            sentence.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }

        return sentence.Append(". ").ToString();
    }

    private static string Separator(Random random, bool french) => random.Next(20) switch
    {
        0 => ", ",
        1 => french ? "\u00A0: " : ": ",
        2 => french ? " « " : " \"",
        _ => " ",
    };

    /// <summary>An index where 0 is the most frequent: about 1/(rank) frequencies.</summary>
    private static int Skewed(Random random, int count) =>
        Math.Min(count - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(count + 1)) - 1));
}
