using NewsMonitor.Matching;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>The articles every matching benchmark reads, generated once per process.</summary>
internal static class MatchingCorpus
{
    public const int ArticleCount = 200;

    public static readonly ArticleText[] Articles = ArticleCorpus.Generate(ArticleCount);

    public static readonly long Utf8Bytes = ArticleCorpus.Utf8Bytes(Articles);
}
