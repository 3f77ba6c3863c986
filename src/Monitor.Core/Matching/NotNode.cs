using System.Text;

namespace NewsMonitor.Matching;

/// <summary>NOT: true when its operand is false; never highlights anything.</summary>
internal sealed class NotNode(QueryNode operand) : QueryNode
{
    public QueryNode Operand { get; } = operand;

    public override bool IsTrueWithoutWords => !Operand.IsTrueWithoutWords;

    public override bool IsTrue(ArticleHits hits) => !Operand.IsTrue(hits);

    public override void AddHighlights(ArticleHits hits)
    {
        // The words under a NOT are absent, or present in a way that does not count.
    }

    public override KeyRequirements RequiredWhenTrue() => Operand.RequiredWhenFalse();

    public override KeyRequirements RequiredWhenFalse() => Operand.RequiredWhenTrue();

    public override void Describe(StringBuilder output)
    {
        output.Append("NOT(");
        Operand.Describe(output);
        output.Append(')');
    }
}
