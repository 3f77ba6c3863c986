using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Benchmarks.Matching;

/// <summary>
/// The naive matcher the compiled watchlist is measured against: per term, one compiled
/// case-insensitive Regex (an alternation of the term's words, phrases and NEARs) run over each
/// field of the article, folded once (NFKD, diacritics removed); then the boolean query is
/// evaluated over which alternatives were found.
/// </summary>
internal sealed class RegexBaseline
{
    private readonly List<(string Id, Regex Regex, QueryNode Query, Dictionary<QueryNode, string> Groups)> terms = [];

    public RegexBaseline(IEnumerable<WatchTerm> watchTerms)
    {
        foreach (var term in watchTerms)
        {
            var query = QueryParser.Parse(term.Query, term.MatchCase, new WordIndex());
            var groups = new Dictionary<QueryNode, string>();
            var alternatives = new List<string>();
            CollectLeaves(query, groups, alternatives);
            var regex = new Regex(string.Join('|', alternatives), RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            terms.Add((term.Id, regex, query, groups));
        }
    }

    public int Match(ArticleText article, List<string> matched)
    {
        string[] fields = [Fold(article.Title), Fold(article.Summary), Fold(article.Content)];
        var found = new HashSet<string>();
        foreach (var (id, regex, query, groups) in terms)
        {
            found.Clear();
            foreach (var field in fields)
            {
                foreach (Match match in regex.Matches(field))
                {
                    foreach (Group group in match.Groups)
                    {
                        if (group.Success)
                        {
                            found.Add(group.Name);
                        }
                    }
                }
            }

            if (Evaluate(query, groups, found))
            {
                matched.Add(id);
            }
        }

        return matched.Count;
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    private static void CollectLeaves(QueryNode node, Dictionary<QueryNode, string> groups, List<string> alternatives)
    {
        switch (node)
        {
            case SequenceNode or NearNode:
                // A word written twice ("model ... -model") is one alternative: in an alternation
                // only the first of two identical alternatives can ever match.
                var pattern = Pattern(node);
                var index = alternatives.FindIndex(alternative => alternative.EndsWith($">{pattern})", StringComparison.Ordinal));
                if (index < 0)
                {
                    index = alternatives.Count;
                    alternatives.Add($"(?<g{index}>{pattern})");
                }

                groups.Add(node, $"g{index}");
                break;
            case AnyOfNode any:
                foreach (var operand in any.Operands)
                {
                    CollectLeaves(operand, groups, alternatives);
                }

                break;
            case AllOfNode all:
                foreach (var operand in all.Operands)
                {
                    CollectLeaves(operand, groups, alternatives);
                }

                break;
            case NotNode not:
                CollectLeaves(not.Operand, groups, alternatives);
                break;
            default:
                throw new NotSupportedException(node.GetType().Name);
        }
    }

    private static string Pattern(QueryNode node) => node switch
    {
        SequenceNode sequence => @"\b" + string.Join(@"\W+", sequence.Words.Select(word => Regex.Escape(word.Text) + (word.IsPrefix ? @"\w*" : ""))) + @"\b",
        AnyOfNode any => "(?:" + string.Join('|', any.Operands.Select(Pattern)) + ")",
        NearNode near => $@"(?:{Pattern(near.Left)}\W+(?:\w+\W+){{0,{near.Distance}}}?{Pattern(near.Right)}|{Pattern(near.Right)}\W+(?:\w+\W+){{0,{near.Distance}}}?{Pattern(near.Left)})",
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static bool Evaluate(QueryNode node, Dictionary<QueryNode, string> groups, HashSet<string> found) => node switch
    {
        SequenceNode or NearNode => found.Contains(groups[node]),
        AnyOfNode any => any.Operands.Any(operand => Evaluate(operand, groups, found)),
        AllOfNode all => all.Operands.All(operand => Evaluate(operand, groups, found)),
        NotNode not => !Evaluate(not.Operand, groups, found),
        _ => throw new NotSupportedException(node.GetType().Name),
    };
}
