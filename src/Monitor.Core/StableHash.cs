namespace NewsMonitor;

/// <summary>
/// 64-bit hashes that are the same in every process and runtime (string.GetHashCode is not): for values that are
/// stored, such as an article's key, or recomputed anywhere, such as a story signature.
/// </summary>
internal static class StableHash
{
    /// <summary>FNV-1a over the characters, then <see cref="Mix"/>.</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return Mix(hash);
    }

    public static ulong Mix(ulong x)
    {
        // SplitMix64's finaliser: cheap, and every input bit reaches every output bit.
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
