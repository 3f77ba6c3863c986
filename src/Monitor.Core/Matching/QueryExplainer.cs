using System.Collections.Immutable;
using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>
/// Explains one query on one article (see <see cref="TermExplanation"/>): what a watchlist editor
/// needs to see why an article matched or, more often, why it did not.
/// </summary>
/// <remarks>Evaluates every node on its own, with the matcher's own nodes, so the explanation cannot disagree with matching; slow next to matching, meant for one article at a time.</remarks>
public sealed class QueryExplainer
{
    private readonly ArticleHits hits = new();
    private readonly ArticleText article;

    private QueryExplainer(ArticleText article) => this.article = article;

    /// <summary>Throws <see cref="QueryParseException"/> for an invalid query.</summary>
    public static TermExplanation Explain(string query, bool matchCase, ArticleText article)
    {
        var index = new WordIndex();
        var root = QueryParser.Parse(query, matchCase, index);
        index.Freeze();
        var explainer = new QueryExplainer(article);
        explainer.hits.Reset(index.KeyCount);
        ArticleScanner.Scan(index, explainer.hits, article);
        explainer.hits.GroupByKey();
        var explanation = explainer.ExplainNode(root);
        return new TermExplanation(explanation.IsTrue, explanation);
    }

    private NodeExplanation ExplainNode(QueryNode node)
    {
        var isTrue = node.IsTrue(hits);
        return node switch
        {
            SequenceNode sequence => ExplainSequence(sequence, isTrue),
            AnyOfNode any => Node("or", any, isTrue, isTrue ? "one of its parts is true" : "none of its parts is true", Occurrences(any), [], null, any.Operands),
            AllOfNode all => Node("and", all, isTrue, isTrue ? "every part is true" : $"{all.Operands.Count(operand => !operand.IsTrue(hits))} of {all.Operands.Length} parts are false", [], [], null, all.Operands),
            NotNode not => ExplainNot(not, isTrue),
            NearNode near => ExplainNear(near, isTrue),
            NotNearNode notNear => ExplainNotNear(notNear, isTrue),
            _ => throw new NotSupportedException(node.GetType().Name),
        };
    }

    private NodeExplanation ExplainSequence(SequenceNode sequence, bool isTrue)
    {
        var found = Occurrences(sequence);
        var kind = sequence.Words.Length > 1 ? "phrase" : sequence.Words[0].IsPrefix ? "prefix" : sequence.Words[0].IsFuzzy ? "fuzzy" : "word";
        var summary = found.Count switch
        {
            0 => "not found",
            1 => "found once",
            var count => $"found {count} times",
        };
        return Node(kind, sequence, isTrue, summary, found, [], null, []);
    }

    private NodeExplanation ExplainNot(NotNode not, bool isTrue)
    {
        var present = new List<TextSpan>();
        if (!isTrue)
        {
            hits.Highlights.Clear();
            not.Operand.AddHighlights(hits);
            present.AddRange(HighlightMerger.Merge(hits.Highlights).Select(Span));
        }

        var summary = isTrue ? "true: the article does not contain what it excludes"
            : present.Count > 0 ? $"false: the article contains {Quote(present[0])}, which excludes the whole article"
            : "false: what it excludes is true";
        return Node("not", not, isTrue, summary, present, [], null, [not.Operand]);
    }

    private NodeExplanation ExplainNear(NearNode near, bool isTrue)
    {
        var lefts = Collect(near.Left);
        var rights = Collect(near.Right);
        Occurrence? closestLeft = null, closestRight = null;
        var closest = int.MaxValue;
        foreach (var left in lefts)
        {
            foreach (var right in rights)
            {
                var between = Occurrence.WordsBetween(left, right);
                if (between >= 0 && between < closest && hits.SpanOf(left).Field == hits.SpanOf(right).Field)
                {
                    (closest, closestLeft, closestRight) = (between, left, right);
                }
            }
        }

        var distance = closestLeft is { } l && closestRight is { } r
            ? new NearDistance(near.Distance, closest, Span(hits.SpanOf(l)), Span(hits.SpanOf(r)))
            : new NearDistance(near.Distance, null, null, null);
        var summary = (isTrue, distance.Closest) switch
        {
            (true, _) => $"true: {distance.Closest} words apart at the closest, at most {near.Distance} allowed",
            (false, null) when lefts.Count == 0 && rights.Count == 0 => "false: neither side is found",
            (false, null) when lefts.Count == 0 || rights.Count == 0 => $"false: the {(lefts.Count == 0 ? "first" : "second")} side is not found",
            (false, null) => "false: the two sides are found only in different fields or at the same words",
            (false, var words) => $"false: {words} words apart at the closest, at most {near.Distance} allowed",
        };
        return Node("near", near, isTrue, summary, Occurrences(near), [], distance, [near.Left, near.Right]);
    }

    private NodeExplanation ExplainNotNear(NotNearNode notNear, bool isTrue)
    {
        var includes = Collect(notNear.Include);
        var excludes = Collect(notNear.Exclude);
        var excluded = new List<ExcludedOccurrence>();
        foreach (var occurrence in includes)
        {
            var by = notNear.FindExcluder(occurrence, excludes);
            if (by >= 0)
            {
                excluded.Add(new ExcludedOccurrence(
                    Span(hits.SpanOf(occurrence)), Span(hits.SpanOf(excludes[by])), Occurrence.WordsBetween(occurrence, excludes[by])));
            }
        }

        var summary = includes.Count == 0 ? "false: nothing to keep, the first side is not found"
            : excluded.Count == 0 ? $"true: no occurrence has {notNear.Exclude} within {notNear.Distance} words"
            : $"{(isTrue ? "true" : "false")}: {excluded.Count} of {includes.Count} occurrences excluded ({Quote(excluded[0].ExcludedBy)} within {notNear.Distance} words)";
        return Node("notNear", notNear, isTrue, summary, Occurrences(notNear), excluded, null, [notNear.Include, notNear.Exclude]);
    }

    private NodeExplanation Node(
        string kind, QueryNode node, bool isTrue, string summary, IReadOnlyList<TextSpan> found,
        IReadOnlyList<ExcludedOccurrence> excluded, NearDistance? near, ImmutableArray<QueryNode> operands) =>
        new(kind, node.ToString(), isTrue, summary, found, excluded, near, [.. operands.Select(ExplainNode)]);

    private List<Occurrence> Collect(QueryNode node) => Occurrence.Collect(hits, (IPositionalNode)node, []);

    private List<TextSpan> Occurrences(QueryNode node) =>
        node.HasPositions ? [.. Collect(node).Select(occurrence => Span(hits.SpanOf(occurrence)))] : [];

    private TextSpan Span(HighlightSpan span)
    {
        var field = span.Field switch
        {
            ArticleField.Title => article.Title,
            ArticleField.Summary => article.Summary,
            _ => article.Content,
        };
        return new TextSpan(span.Field, span.Start, span.Length, field.Substring(span.Start, span.Length));
    }

    private static string Quote(TextSpan span) => $"\"{span.Text}\" ({span.Field.ToString().ToLowerInvariant()} {span.Start})";
}
