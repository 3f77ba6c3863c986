namespace NewsMonitor.Matching;

/// <summary>
/// The hash of a word, computed a character at a time (FNV-1a), so that a scanner gets the hash of
/// every prefix of a word for free while reading it.
/// </summary>
internal static class WordHash
{
    public const uint Seed = 2166136261;

    public static uint Next(uint hash, char c) => (hash ^ c) * 16777619;

    public static uint Of(ReadOnlySpan<char> word)
    {
        var hash = Seed;
        foreach (var c in word)
        {
            hash = Next(hash, c);
        }

        return hash;
    }
}
