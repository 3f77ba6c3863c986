namespace NewsMonitor.Matching;

/// <summary>
/// x NOT NEAR/n y: the occurrences of x that have no occurrence of y within n words (either side,
/// counted as NEAR counts them; an occurrence of y overlapping x is within reach too). Only these
/// occurrences count for the rest of the query and are highlighted.
/// </summary>
internal sealed class NotNearNode(QueryNode include, QueryNode exclude, int distance)
    : DistanceNode(include, exclude, distance), IPositionalNode
{
    public QueryNode Include => First;

    public QueryNode Exclude => Second;

    public int MaxLength => FirstPositions.MaxLength;

    protected override string Name => "NOT NEAR/";

    public override bool IsTrue(ArticleHits hits) => FindSurvivors(hits, null);

    public override void AddHighlights(ArticleHits hits)
    {
        var survivors = hits.Rent();
        FindSurvivors(hits, survivors);
        foreach (var occurrence in survivors)
        {
            hits.Highlight(occurrence);
        }

        hits.Return(survivors);
    }

    public void AddOccurrences(ArticleHits hits, List<Occurrence> occurrences) => FindSurvivors(hits, occurrences);

    public override KeyRequirements RequiredWhenTrue() => Include.RequiredWhenTrue();

    /// <summary>
    /// The index in <paramref name="excludes"/> (in text order) of an occurrence that excludes
    /// <paramref name="occurrence"/>, or -1 when none is within reach.
    /// </summary>
    public int FindExcluder(Occurrence occurrence, List<Occurrence> excludes)
    {
        var from = occurrence.FirstPosition - Distance - SecondPositions.MaxLength;
        var to = occurrence.LastPosition + Distance + 1;
        for (var i = Occurrence.FirstStartingAt(excludes, from); i < excludes.Count && excludes[i].FirstPosition <= to; i++)
        {
            if (Occurrence.WordsBetween(occurrence, excludes[i]) <= Distance)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether an occurrence of x survives; adds every survivor to <paramref name="into"/> unless null.</summary>
    private bool FindSurvivors(ArticleHits hits, List<Occurrence>? into)
    {
        var includes = Occurrence.Collect(hits, FirstPositions, hits.Rent());
        var excludes = hits.Rent();
        if (includes.Count > 0)
        {
            Occurrence.Collect(hits, SecondPositions, excludes);
        }

        var found = false;
        foreach (var occurrence in includes)
        {
            if (FindExcluder(occurrence, excludes) >= 0)
            {
                continue;
            }

            found = true;
            if (into is null)
            {
                break;
            }

            into.Add(occurrence);
        }

        hits.Return(excludes);
        hits.Return(includes);
        return found;
    }
}
