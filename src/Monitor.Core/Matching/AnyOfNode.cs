using System.Collections.Immutable;
using System.Text;

namespace NewsMonitor.Matching;

/// <summary>OR: true when one operand is; highlights the operands that are true.</summary>
internal sealed class AnyOfNode : QueryNode, IPositionalNode
{
    public AnyOfNode(ImmutableArray<QueryNode> operands)
    {
        Operands = operands;
        IsPositional = operands.All(operand => operand.HasPositions);
        MaxLength = IsPositional ? operands.Max(operand => ((IPositionalNode)operand).MaxLength) : 0;
    }

    public ImmutableArray<QueryNode> Operands { get; }

    /// <summary>An OR of nodes with positions has positions, so it can be a NEAR operand.</summary>
    public bool IsPositional { get; }

    public override bool HasPositions => IsPositional;

    public int MaxLength { get; }

    public override bool IsTrueWithoutWords => Operands.Any(operand => operand.IsTrueWithoutWords);

    public override bool IsTrue(ArticleHits hits)
    {
        foreach (var operand in Operands)
        {
            if (operand.IsTrue(hits))
            {
                return true;
            }
        }

        return false;
    }

    public override void AddHighlights(ArticleHits hits)
    {
        foreach (var operand in Operands)
        {
            if (operand.IsTrue(hits))
            {
                operand.AddHighlights(hits);
            }
        }
    }

    public void AddOccurrences(ArticleHits hits, List<Occurrence> occurrences)
    {
        foreach (var operand in Operands)
        {
            ((IPositionalNode)operand).AddOccurrences(hits, occurrences);
        }
    }

    public override KeyRequirements RequiredWhenTrue() =>
        KeyRequirements.AnyOf(Operands.Select(operand => operand.RequiredWhenTrue()));

    public override KeyRequirements RequiredWhenFalse() =>
        KeyRequirements.AllOf(Operands.Select(operand => operand.RequiredWhenFalse()));

    public override void Describe(StringBuilder output) => DescribeOperands(output, "OR", Operands);

    internal static void DescribeOperands(StringBuilder output, string name, ImmutableArray<QueryNode> operands)
    {
        output.Append(name).Append('(');
        for (var i = 0; i < operands.Length; i++)
        {
            if (i > 0)
            {
                output.Append(", ");
            }

            operands[i].Describe(output);
        }

        output.Append(')');
    }
}
