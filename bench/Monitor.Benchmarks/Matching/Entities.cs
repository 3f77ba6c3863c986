namespace NewsMonitor.Benchmarks.Matching;

/// <summary>
/// Names that watchlists watch: a few real ones first (the most mentioned), then generated ones,
/// some of two words, some with accents or hyphens.
/// </summary>
internal static class Entities
{
    private static readonly string[] Known =
    [
        "Mistral", "Commission", "AI Act", "Anthropic", "OpenAI", "Bruxelles", "Nvidia", "Google", "Meta",
        "Microsoft", "Thierry Breton", "Margrethe Vestager", "Ursula von der Leyen", "Emmanuel Macron", "CNIL",
        "Arcom", "Hugging Face", "Aleph Alpha", "DeepMind", "Parlement européen",
    ];

    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "gr", "st", "ch"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "é", "è", "ou", "ai", "y"];
    private static readonly string[] Suffixes = ["Labs", "Group", "Technologies", "Capital", "Énergie", "Systems", "Bank", "Santé", "Industries", "AI"];

    public static string[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Known)
        {
            names.Add(name);
            seen.Add(name);
        }

        while (names.Count < count)
        {
            var name = random.Next(10) switch
            {
                < 6 => Word(random),
                < 8 => $"{Word(random)} {Suffixes[random.Next(Suffixes.Length)]}",
                < 9 => $"{Word(random)}-{Word(random)}",
                _ => $"{Word(random)} {Word(random)}",
            };
            if (seen.Add(name))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    private static string Word(Random random)
    {
        var syllables = random.Next(2, 5);
        var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => Onsets[random.Next(Onsets.Length)] + Vowels[random.Next(Vowels.Length)]));
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
