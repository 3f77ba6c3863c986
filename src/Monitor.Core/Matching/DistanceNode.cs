using System.Text;

namespace NewsMonitor.Matching;

/// <summary>An operator over two positional operands and a distance in words: NEAR and NOT NEAR.</summary>
internal abstract class DistanceNode : QueryNode
{
    protected DistanceNode(QueryNode first, QueryNode second, int distance)
    {
        First = first;
        Second = second;
        Distance = distance;
        FirstPositions = (IPositionalNode)first;
        SecondPositions = (IPositionalNode)second;
    }

    public int Distance { get; }

    protected QueryNode First { get; }

    protected QueryNode Second { get; }

    protected IPositionalNode FirstPositions { get; }

    protected IPositionalNode SecondPositions { get; }

    /// <summary>The operator as the reading shows it, before its distance: "NEAR/" or "NOT NEAR/".</summary>
    protected abstract string Name { get; }

    public override bool IsTrueWithoutWords => false;

    public override KeyRequirements RequiredWhenFalse() => KeyRequirements.None;

    public override void Describe(StringBuilder output)
    {
        output.Append(Name).Append(Distance).Append('(');
        First.Describe(output);
        output.Append(", ");
        Second.Describe(output);
        output.Append(')');
    }
}
