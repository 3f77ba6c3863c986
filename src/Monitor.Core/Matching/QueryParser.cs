using System.Collections.Immutable;

namespace NewsMonitor.Matching;

/// <summary>
/// Parses a query by recursive descent. Precedence, highest first: NOT (and '-'), NEAR/n and
/// NOT NEAR/n (left to right), AND (and juxtaposition), OR. Registers every word in a <see cref="WordIndex"/>.
/// </summary>
internal sealed class QueryParser
{
    private const string Operand = "a word, phrase or parenthesised group";
    private const string NearOperand = "a word, prefix, phrase or parenthesised OR of those";
    private const string ExclusionOperand = "a word, prefix, phrase, NEAR or parenthesised OR of those";

    private readonly List<QueryToken> tokens;
    private readonly QueryWordReader words;
    private int next;
    private int depth;

    private QueryParser(List<QueryToken> tokens, QueryWordReader words)
    {
        this.tokens = tokens;
        this.words = words;
    }

    private QueryToken Peek => tokens[next];

    /// <exception cref="QueryParseException">The query is invalid.</exception>
    public static QueryNode Parse(string query, bool matchCase, WordIndex index)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Length > QueryLimits.MaxQueryLength)
        {
            throw new QueryParseException(
                "query too long", QueryLimits.MaxQueryLength,
                $"at most {QueryLimits.MaxQueryLength} characters", $"{query.Length} characters");
        }

        var parser = new QueryParser(QueryLexer.Tokenize(query), new QueryWordReader(matchCase, index));
        if (parser.Peek.Kind == QueryTokenKind.End)
        {
            throw new QueryParseException("empty query", parser.Peek.Position, Operand, "end of query");
        }

        var root = parser.ParseOr();
        var end = parser.Peek;
        if (end.Kind == QueryTokenKind.CloseParenthesis)
        {
            throw new QueryParseException("unbalanced parenthesis (')' without '(')", end.Position, "end of query", "')'");
        }

        if (root.IsTrueWithoutWords)
        {
            // Such a term would match nearly every article, and it could not be indexed by its words.
            throw new QueryParseException(
                "the query matches articles that contain none of its words", 0,
                "a word that must be present", "a query that only excludes words");
        }

        return root;
    }

    private QueryNode ParseOr()
    {
        var operands = ImmutableArray.CreateBuilder<QueryNode>();
        operands.Add(ParseAnd(null));
        while (Peek.Kind == QueryTokenKind.Or)
        {
            var or = Take();
            operands.Add(ParseAnd(or));
        }

        return operands.Count == 1 ? operands[0] : new AnyOfNode(operands.ToImmutable());
    }

    private QueryNode ParseAnd(QueryToken? after)
    {
        var operands = ImmutableArray.CreateBuilder<QueryNode>();
        operands.Add(ParseNear(after));
        while (true)
        {
            if (Peek.Kind == QueryTokenKind.And)
            {
                var and = Take();
                operands.Add(ParseNear(and));
            }
            else if (Peek.StartsOperand)
            {
                operands.Add(ParseNear(null));
            }
            else
            {
                break;
            }
        }

        return operands.Count == 1 ? operands[0] : new AllOfNode(operands.ToImmutable());
    }

    private QueryNode ParseNear(QueryToken? after)
    {
        var leftStart = Peek;
        var left = ParseUnary(after);
        while (Peek.Kind == QueryTokenKind.Near || IsNotNear())
        {
            if (Peek.Kind == QueryTokenKind.Not)
            {
                Take();
                var notNear = Take();
                CheckPositional(left, leftStart, "invalid NOT NEAR operand", ExclusionOperand);
                var excludedStart = Peek;
                var excluded = ParseUnary(notNear);
                CheckPositional(excluded, excludedStart, "invalid NOT NEAR operand", ExclusionOperand);
                left = new NotNearNode(left, excluded, notNear.Distance);
                continue;
            }

            var near = Take();
            if (left is NearNode)
            {
                throw new QueryParseException(
                    "NEAR cannot be chained", near.Position,
                    "AND between two NEAR, as in (a NEAR/3 b) AND (b NEAR/3 c)", near.Describe());
            }

            CheckNearOperand(left, leftStart);
            var rightStart = Peek;
            var right = ParseUnary(near);
            CheckNearOperand(right, rightStart);
            left = new NearNode(left, right, near.Distance);
        }

        return left;
    }

    /// <summary>NOT directly followed by NEAR/n is the exclusion operator, not an AND NOT.</summary>
    private bool IsNotNear() => Peek.Kind == QueryTokenKind.Not && tokens[next + 1].Kind == QueryTokenKind.Near;

    private QueryNode ParseUnary(QueryToken? after)
    {
        if (Peek.Kind is not (QueryTokenKind.Not or QueryTokenKind.Minus))
        {
            return ParsePrimary(after);
        }

        if (IsNotNear())
        {
            throw new QueryParseException(
                $"dangling operator NOT {tokens[next + 1].Describe()} (nothing before it)", Peek.Position, Operand, $"NOT {tokens[next + 1].Describe()}");
        }

        var not = Take();
        Enter(not);
        var operand = ParseUnary(not);
        depth--;
        return new NotNode(operand);
    }

    private QueryNode ParsePrimary(QueryToken? after)
    {
        var token = Peek;
        switch (token.Kind)
        {
            case QueryTokenKind.Word:
            case QueryTokenKind.Phrase:
                Take();
                return new SequenceNode(words.Read(token));
            case QueryTokenKind.OpenParenthesis:
                Take();
                Enter(token);
                if (Peek.Kind == QueryTokenKind.CloseParenthesis)
                {
                    throw new QueryParseException("empty parentheses", Peek.Position, Operand, "')'");
                }

                var inner = ParseOr();
                if (Peek.Kind != QueryTokenKind.CloseParenthesis)
                {
                    throw new QueryParseException(
                        $"unbalanced parenthesis ('(' at position {token.Position} is never closed)",
                        Peek.Position, "')'", Peek.Describe());
                }

                Take();
                depth--;
                return inner;
            default:
                throw MissingOperand(token, after);
        }
    }

    private static QueryParseException MissingOperand(QueryToken found, QueryToken? after)
    {
        var reason = (after, found.Kind) switch
        {
            ({ } op, _) => $"dangling operator {op.Describe()} (nothing after it)",
            (null, QueryTokenKind.And or QueryTokenKind.Or or QueryTokenKind.Near) =>
                $"dangling operator {found.Describe()} (nothing before it)",
            (null, QueryTokenKind.CloseParenthesis) => "unbalanced parenthesis (')' without '(')",
            _ => "missing operand",
        };
        return new QueryParseException(reason, found.Position, Operand, found.Describe());
    }

    private static void CheckNearOperand(QueryNode operand, QueryToken start)
    {
        if (operand is NearNode)
        {
            throw new QueryParseException("invalid NEAR operand", start.Position, NearOperand, "a NEAR expression");
        }

        CheckPositional(operand, start, "invalid NEAR operand", NearOperand);
    }

    private static void CheckPositional(QueryNode operand, QueryToken start, string reason, string expected)
    {
        if (operand.HasPositions)
        {
            return;
        }

        var found = operand switch
        {
            NotNode => "a negation",
            AllOfNode => "an AND group",
            _ => "an OR group containing AND or NOT",
        };
        throw new QueryParseException(reason, start.Position, expected, found);
    }

    private QueryToken Take() => tokens[next++];

    private void Enter(QueryToken token)
    {
        if (++depth > QueryLimits.MaxNestingDepth)
        {
            throw new QueryParseException(
                "query nested too deeply", token.Position,
                $"at most {QueryLimits.MaxNestingDepth} nested groups and NOTs", token.Describe());
        }
    }
}
