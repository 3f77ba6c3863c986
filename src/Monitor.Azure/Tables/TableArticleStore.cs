using System.Globalization;
using Azure;
using Azure.Data.Tables;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// Articles, keyed for the pipeline's reads:
/// <list type="bullet">
/// <item>Articles: PartitionKey = article id, RowKey "article". Every read by id is a point read, and the
/// writes spread over all partitions. AddEntity's conflict makes "store once" atomic (dedupe across feeds).</item>
/// <item>ArticleIndex, partition "unmatched": RowKey = article id, present from storing until matching is done
/// (the crash-recovery list, small in steady state).</item>
/// <item>ArticleIndex, partition "recent": RowKey = inverted fetch time, inverted publication time, id, so the
/// partition reads newest first and "the last N" is the first page.</item>
/// </list>
/// The article is written first and the index entries after it; a crash in between is repaired when the
/// same article is stored again (the next poll of its feed).
/// </summary>
public sealed class TableArticleStore(MonitorTables tables) : IArticleStore
{
    private const string Row = "article";
    private const string Unmatched = "unmatched";
    private const string Recent = "recent";
    private const string MatchedAt = "MatchedAt";

    public async Task<bool> TryAddArticleAsync(Article article, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Articles);
        var entity = EntityBody.Create(TableKeys.Encode(article.Id), Row, FitToEntity(article));
        entity["FeedId"] = article.FeedId;
        entity["FetchedAt"] = article.FetchedAt.ToUniversalTime();
        if (await table.TryAddAsync(entity, ct))
        {
            await IndexAsync(article, ct);
            return true;
        }

        if (await table.FindAsync(TableKeys.Encode(article.Id), Row, ct) is { } stored && !stored.ContainsKey(MatchedAt))
        {
            await IndexAsync(EntityBody.Read<Article>(stored), ct);
        }

        return false;
    }

    /// <summary>
    /// The two steps, articles then rows (<see cref="TableMatchStore.RecordMatchesAsync"/>, which takes the new ones off
    /// the unmatched index last): entity transactions cannot span the tables, and a failure in between leaves the
    /// articles listed unmatched, for the match stage.
    /// </summary>
    public async Task<IReadOnlySet<string>> TryAddMatchedArticlesAsync(IReadOnlyList<MatchedArticle> articles, DateTimeOffset at, CancellationToken ct = default)
    {
        var added = await ((IArticleStore)this).TryAddArticlesAsync(articles.Select(a => a.Article).ToList(), ct);
        await new TableMatchStore(tables).RecordMatchesAsync(articles.Where(a => added.Contains(a.Article.Id)).Select(a => a.Found).ToList(), at, ct);
        return added;
    }

    public async Task<Article?> GetArticleAsync(string id, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Articles);
        return await table.FindAsync(TableKeys.Encode(id), Row, ct) is { } entity ? EntityBody.Read<Article>(entity) : null;
    }

    /// <summary>Each article is a partition of its own, so a batch is point reads, several at a time.</summary>
    public async Task<IReadOnlyList<StoredArticle>> GetArticlesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Articles);
        var keys = ids.Distinct(StringComparer.Ordinal).Select(id => (TableKeys.Encode(id), Row)).ToList();
        return (await table.FindEachAsync(keys, ct)).OfType<TableEntity>()
            .Select(entity => new StoredArticle(EntityBody.Read<Article>(entity), entity.ContainsKey(MatchedAt)))
            .ToList();
    }

    /// <summary>
    /// Marks the articles matched (one partition each, so one request each, several at a time), then takes them off
    /// the unmatched index in transactions of 100: the index entry goes last, as with <see cref="MarkArticleMatchedAsync"/>.
    /// </summary>
    internal async Task MarkArticlesMatchedAsync(IReadOnlyCollection<string> ids, DateTimeOffset at, CancellationToken ct)
    {
        var table = await tables.GetAsync(MonitorTables.Articles);
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = MonitorTables.ParallelRequests, CancellationToken = ct },
            async (id, token) =>
            {
                try
                {
                    await table.UpdateEntityAsync(new TableEntity(TableKeys.Encode(id), Row) { [MatchedAt] = at.ToUniversalTime() }, ETag.All, TableUpdateMode.Merge, token);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // No such article: nothing to mark, but its index entry (if any) must still go.
                }
            });
        var index = await tables.GetAsync(MonitorTables.ArticleIndex);
        await index.RemoveAllAsync(Unmatched, ids.Select(TableKeys.Encode), ct);
    }

    public async Task<IReadOnlyList<string>> ListUnmatchedArticleIdsAsync(int limit, CancellationToken ct = default)
    {
        var index = await tables.GetAsync(MonitorTables.ArticleIndex);
        return (await index.PartitionAsync(Unmatched, ct))
            .Select(e => (Id: e.GetString("Id"), FetchedAt: e.GetString("FetchedAt")))
            .OrderBy(e => e.FetchedAt, StringComparer.Ordinal)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(limit)
            .Select(e => e.Id)
            .ToList();
    }

    public async Task MarkArticleMatchedAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        var table = await tables.GetAsync(MonitorTables.Articles);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(TableKeys.Encode(id), Row) { [MatchedAt] = at.ToUniversalTime() }, ETag.All, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No such article: nothing to mark, but its index entry (if any) must still go.
        }

        var index = await tables.GetAsync(MonitorTables.ArticleIndex);
        await index.RemoveAsync(Unmatched, TableKeys.Encode(id), ct);
    }

    public async Task<IReadOnlyList<Article>> ListRecentArticlesAsync(int count, CancellationToken ct = default)
    {
        if (count <= 0)
        {
            return [];
        }

        var index = await tables.GetAsync(MonitorTables.ArticleIndex);
        var ids = new List<string>(count);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Recent}");
        await foreach (var entity in index.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(count, 1000), select: ["Id"], cancellationToken: ct))
        {
            ids.Add(entity.GetString("Id"));
            if (ids.Count == count)
            {
                break;
            }
        }

        var articles = await Task.WhenAll(ids.Select(id => GetArticleAsync(id, ct)));
        return articles.OfType<Article>().ToList();
    }

    /// <summary>An entity holds at most 1 MiB: an article longer than that keeps the start of its content.</summary>
    internal static string FitToEntity(Article article)
    {
        var json = EntityBody.Serialize(article);
        while (json.Length > EntityBody.MaxChars && article.Content.Length > 0)
        {
            var cut = Math.Max(0, article.Content.Length - (json.Length - EntityBody.MaxChars) - 1024);
            article = article with { Content = article.Content[..cut] };
            json = EntityBody.Serialize(article);
        }

        return json;
    }

    private async Task IndexAsync(Article article, CancellationToken ct)
    {
        var index = await tables.GetAsync(MonitorTables.ArticleIndex);
        var key = TableKeys.Encode(article.Id);
        await index.UpsertEntityAsync(new TableEntity(Unmatched, key) { ["Id"] = article.Id, ["FetchedAt"] = Sortable(article.FetchedAt) }, TableUpdateMode.Replace, ct);
        var recent = $"{Inverted(article.FetchedAt)}-{Inverted(article.Published)}-{key}";
        await index.UpsertEntityAsync(new TableEntity(Recent, recent) { ["Id"] = article.Id }, TableUpdateMode.Replace, ct);
    }

    private static string Sortable(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Newest first in RowKey order; no time at all sorts after every time, as NULLs do in a descending SQL sort.</summary>
    private static string Inverted(DateTimeOffset? time) =>
        (DateTimeOffset.MaxValue.UtcTicks - (time?.UtcTicks ?? 0)).ToString("D19", CultureInfo.InvariantCulture);
}
