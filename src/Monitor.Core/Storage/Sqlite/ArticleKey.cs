namespace NewsMonitor.Storage.Sqlite;

/// <summary>
/// The number the articles table finds an article by: a stable 64-bit hash of its id. An index of these is a
/// third the size of one over the 32-character ids and compares in one instruction, and a new article, whose
/// id is a hash and lands anywhere in the index, dirties fewer index pages per commit. Two ids may share a key;
/// queries compare the id as well, so a shared key costs a row read, never a lost article.
/// </summary>
internal static class ArticleKey
{
    /// <summary>FNV-1a and SplitMix64 (<see cref="StableHash"/>): stored, so it must not change between versions.</summary>
    public static long Of(string id) => (long)StableHash.Of(id);
}
