using System.Text;

namespace NewsMonitor.Matching;

/// <summary>A node of a parsed query, evaluated over the hits of one article.</summary>
internal abstract class QueryNode
{
    /// <summary>What the node evaluates to for an article that contains none of the query's words.</summary>
    public abstract bool IsTrueWithoutWords { get; }

    /// <summary>Whether the node has positions (see <see cref="IPositionalNode"/>), so it can be an operand of NEAR and NOT NEAR.</summary>
    public virtual bool HasPositions => this is IPositionalNode;

    public abstract bool IsTrue(ArticleHits hits);

    /// <summary>Adds to <see cref="ArticleHits.Highlights"/> the words that make this true node true.</summary>
    public abstract void AddHighlights(ArticleHits hits);

    /// <summary>What the article contains whenever the node is true.</summary>
    public abstract KeyRequirements RequiredWhenTrue();

    /// <summary>What the article contains whenever the node is false.</summary>
    public abstract KeyRequirements RequiredWhenFalse();

    /// <summary>Writes the node in prefix form, as <c>AND(OR(a, b), NOT(c))</c>, to show how a query was read.</summary>
    public abstract void Describe(StringBuilder output);

    public override string ToString()
    {
        var output = new StringBuilder();
        Describe(output);
        return output.ToString();
    }
}

/// <summary>
/// A node with positions: a word, prefix or phrase, a NEAR, a NOT NEAR, or an OR of those; NEAR and
/// NOT NEAR take only these (see <see cref="QueryNode.HasPositions"/>).
/// </summary>
internal interface IPositionalNode
{
    /// <summary>The most words one occurrence spans.</summary>
    int MaxLength { get; }

    void AddOccurrences(ArticleHits hits, List<Occurrence> occurrences);
}
