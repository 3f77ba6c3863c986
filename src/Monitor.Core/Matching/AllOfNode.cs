using System.Collections.Immutable;
using System.Text;

namespace NewsMonitor.Matching;

/// <summary>AND: true when every operand is; highlights every operand (NOT operands highlight nothing).</summary>
internal sealed class AllOfNode(ImmutableArray<QueryNode> operands) : QueryNode
{
    public ImmutableArray<QueryNode> Operands { get; } = operands;

    public override bool IsTrueWithoutWords => Operands.All(operand => operand.IsTrueWithoutWords);

    public override bool IsTrue(ArticleHits hits)
    {
        foreach (var operand in Operands)
        {
            if (!operand.IsTrue(hits))
            {
                return false;
            }
        }

        return true;
    }

    public override void AddHighlights(ArticleHits hits)
    {
        foreach (var operand in Operands)
        {
            operand.AddHighlights(hits);
        }
    }

    public override KeyRequirements RequiredWhenTrue() =>
        KeyRequirements.AllOf(Operands.Select(operand => operand.RequiredWhenTrue()));

    public override KeyRequirements RequiredWhenFalse() =>
        KeyRequirements.AnyOf(Operands.Select(operand => operand.RequiredWhenFalse()));

    public override void Describe(StringBuilder output) => AnyOfNode.DescribeOperands(output, "AND", Operands);
}
