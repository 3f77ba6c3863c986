using System.Collections.Immutable;

namespace NewsMonitor.Matching;

/// <summary>
/// Keys of which at least one is present in every article where a condition holds: a term is
/// evaluated only for the articles that contain one of its trigger keys. Cost estimates how often
/// the keys occur, so that an AND is triggered by its rarest side.
/// </summary>
internal sealed record TriggerKeys(ImmutableArray<int> Keys, double Cost)
{
    /// <summary>A longer word is taken to be rarer; a prefix matches more words than the same word.</summary>
    public static TriggerKeys Of(QueryWord word) =>
        new([word.Key], (word.IsPrefix ? 32.0 : 16.0) / (word.Text.Length + 1));

    /// <summary>Either condition holds: a key of either set is present.</summary>
    public static TriggerKeys? Union(TriggerKeys? x, TriggerKeys? y) =>
        x is null || y is null ? null : new TriggerKeys(x.Keys.AddRange(y.Keys), x.Cost + y.Cost);

    /// <summary>Both conditions hold: the keys of either set suffice, so take the rarer.</summary>
    public static TriggerKeys? Rarer(TriggerKeys? x, TriggerKeys? y) =>
        x is null ? y : y is null ? x : x.Cost <= y.Cost ? x : y;
}
