namespace NewsMonitor.Storage.Sqlite;

/// <summary>
/// The number the articles table finds an article by: a stable 64-bit hash of its id. An index of these is a
/// third the size of one over the 32-character ids and compares in one instruction, and a new article, whose
/// id is a hash and lands anywhere in the index, dirties fewer index pages per commit. Two ids may share a key;
/// queries compare the id as well, so a shared key costs a row read, never a lost article.
/// </summary>
internal static class ArticleKey
{
    public static long Of(string id)
    {
        // FNV-1a, then SplitMix64's finaliser: stable across processes and runtimes, as a stored value must be.
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        return (long)(hash ^ (hash >> 31));
    }
}
