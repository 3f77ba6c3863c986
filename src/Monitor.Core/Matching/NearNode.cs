namespace NewsMonitor.Matching;

/// <summary>
/// NEAR/n: an occurrence of each operand, in either order, with at most n words between them and
/// not overlapping. Highlights the occurrences that have a partner within reach. As an operand of a
/// positional node, each such pair is one occurrence.
/// </summary>
internal sealed class NearNode : DistanceNode, IPositionalNode
{
    public NearNode(QueryNode left, QueryNode right, int distance)
        : base(left, right, distance) =>
        MaxLength = FirstPositions.MaxLength + SecondPositions.MaxLength + distance;

    private enum Mode
    {
        Test,
        Highlight,
        Collect,
    }

    public QueryNode Left => First;

    public QueryNode Right => Second;

    public int MaxLength { get; }

    protected override string Name => "NEAR/";

    public override bool IsTrue(ArticleHits hits) => Evaluate(hits, Mode.Test, null);

    public override void AddHighlights(ArticleHits hits) => Evaluate(hits, Mode.Highlight, null);

    public void AddOccurrences(ArticleHits hits, List<Occurrence> occurrences) => Evaluate(hits, Mode.Collect, occurrences);

    public override KeyRequirements RequiredWhenTrue() =>
        KeyRequirements.AllOf([Left.RequiredWhenTrue(), Right.RequiredWhenTrue()]);

    /// <summary>Whether two occurrences are near enough: at most <see cref="Distance"/> words between, no overlap.</summary>
    public bool AreNear(Occurrence a, Occurrence b) => Occurrence.WordsBetween(a, b) is var between && between >= 0 && between <= Distance;

    private bool Evaluate(ArticleHits hits, Mode mode, List<Occurrence>? into)
    {
        var lefts = Occurrence.Collect(hits, FirstPositions, hits.Rent());
        var rights = hits.Rent();
        if (lefts.Count > 0)
        {
            Occurrence.Collect(hits, SecondPositions, rights);
        }

        var found = false;
        var rightMarked = mode == Mode.Highlight ? new bool[rights.Count] : null;
        foreach (var occurrence in lefts)
        {
            // Only right occurrences starting in this window can be within reach.
            var from = occurrence.FirstPosition - Distance - SecondPositions.MaxLength;
            var to = occurrence.LastPosition + Distance + 1;
            var leftMarked = false;
            for (var i = Occurrence.FirstStartingAt(rights, from); i < rights.Count && rights[i].FirstPosition <= to; i++)
            {
                if (!AreNear(occurrence, rights[i]))
                {
                    continue;
                }

                found = true;
                if (mode == Mode.Test)
                {
                    break;
                }

                if (into is not null)
                {
                    into.Add(hits.Pair(occurrence, rights[i]));
                    continue;
                }

                rightMarked![i] = true;
                if (!leftMarked)
                {
                    leftMarked = true;
                    hits.Highlight(occurrence);
                }
            }

            if (found && mode == Mode.Test)
            {
                break;
            }
        }

        for (var i = 0; rightMarked is not null && i < rights.Count; i++)
        {
            if (rightMarked[i])
            {
                hits.Highlight(rights[i]);
            }
        }

        hits.Return(rights);
        hits.Return(lefts);
        return found;
    }
}
