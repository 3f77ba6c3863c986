using System.Text;

namespace NewsMonitor.Matching;

/// <summary>
/// NEAR/n: an occurrence of each operand, in either order, with at most n words between them and
/// not overlapping. Highlights the occurrences that have a partner within reach.
/// </summary>
internal sealed class NearNode : QueryNode
{
    private readonly IPositionalNode left;
    private readonly IPositionalNode right;

    public NearNode(QueryNode left, QueryNode right, int distance)
    {
        Left = left;
        Right = right;
        Distance = distance;
        this.left = (IPositionalNode)left;
        this.right = (IPositionalNode)right;
    }

    public QueryNode Left { get; }

    public QueryNode Right { get; }

    public int Distance { get; }

    public override bool IsTrueWithoutWords => false;

    public override bool IsTrue(ArticleHits hits) => Evaluate(hits, highlight: false);

    public override void AddHighlights(ArticleHits hits) => Evaluate(hits, highlight: true);

    public override KeyRequirements RequiredWhenTrue() =>
        KeyRequirements.AllOf([Left.RequiredWhenTrue(), Right.RequiredWhenTrue()]);

    public override KeyRequirements RequiredWhenFalse() => KeyRequirements.None;

    public override void Describe(StringBuilder output)
    {
        output.Append("NEAR/").Append(Distance).Append('(');
        Left.Describe(output);
        output.Append(", ");
        Right.Describe(output);
        output.Append(')');
    }

    private bool Evaluate(ArticleHits hits, bool highlight)
    {
        var lefts = Collect(hits, left, hits.NearLeft);
        if (lefts.Count == 0)
        {
            return false;
        }

        var rights = Collect(hits, right, hits.NearRight);
        if (rights.Count == 0)
        {
            return false;
        }

        var found = false;
        var rightMarked = highlight ? new bool[rights.Count] : null;
        foreach (var occurrence in lefts)
        {
            // Only right occurrences starting in this window can be within reach.
            var from = occurrence.FirstPosition - Distance - right.MaxLength;
            var to = occurrence.LastPosition + Distance + 1;
            var leftMarked = false;
            for (var i = FirstStartingAt(rights, from); i < rights.Count && rights[i].FirstPosition <= to; i++)
            {
                if (!AreNear(occurrence, rights[i]))
                {
                    continue;
                }

                if (rightMarked is null)
                {
                    return true;
                }

                found = true;
                rightMarked[i] = true;
                if (!leftMarked)
                {
                    leftMarked = true;
                    hits.Highlights.Add(hits.SpanOf(occurrence.FirstHit, occurrence.LastHit));
                }
            }
        }

        for (var i = 0; rightMarked is not null && i < rights.Count; i++)
        {
            if (rightMarked[i])
            {
                hits.Highlights.Add(hits.SpanOf(rights[i].FirstHit, rights[i].LastHit));
            }
        }

        return found;
    }

    private bool AreNear(Occurrence a, Occurrence b)
    {
        var wordsBetween = a.LastPosition < b.FirstPosition
            ? b.FirstPosition - a.LastPosition - 1
            : a.FirstPosition - b.LastPosition - 1;

        // Negative means the occurrences overlap: one word cannot be both operands.
        return wordsBetween >= 0 && wordsBetween <= Distance;
    }

    private static List<Occurrence> Collect(ArticleHits hits, IPositionalNode operand, List<Occurrence> into)
    {
        into.Clear();
        operand.AddOccurrences(hits, into);
        if (operand is AnyOfNode)
        {
            // Each operand of an OR is in text order, but together they are not.
            into.Sort(Occurrence.CompareByPosition);
        }

        return into;
    }

    private static int FirstStartingAt(List<Occurrence> occurrences, int position)
    {
        int low = 0, high = occurrences.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (occurrences[middle].FirstPosition < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
