using System.Collections.Immutable;

namespace NewsMonitor.Matching;

/// <summary>
/// Clauses that all hold in every article where a condition holds. A term is evaluated only for
/// articles that satisfy every clause of its query, which most articles fail at the first lookup.
/// No clause at all means the condition can hold without any word present.
/// </summary>
/// <remarks>
/// Computed for "node is true" and "node is false" together, through NOT. A valid query always has
/// a clause: the parser rejects queries that are true when none of their words is present, and by
/// induction such a query is exactly one for which no clause can be derived.
/// </remarks>
internal sealed record KeyRequirements(ImmutableArray<KeyClause> Clauses)
{
    private const int MaxDistributedClauses = 16;

    public static readonly KeyRequirements None = new(ImmutableArray<KeyClause>.Empty);

    public bool IsNone => Clauses.IsEmpty;

    /// <summary>The clause least often satisfied: the one to trigger on.</summary>
    public KeyClause Rarest => Clauses.MinBy(clause => clause.Cost)!;

    public static KeyRequirements Words(IEnumerable<QueryWord> words) => new([.. words.Select(KeyClause.Of)]);

    /// <summary>Every condition holds: every clause of each.</summary>
    public static KeyRequirements AllOf(IEnumerable<KeyRequirements> conditions) =>
        new([.. conditions.SelectMany(condition => condition.Clauses)]);

    /// <summary>
    /// One condition holds. (A1 and A2) or B is (A1 or B) and (A2 or B): every way of taking one
    /// clause from each condition gives a clause. Past <see cref="MaxDistributedClauses"/> such
    /// clauses, only the union of the rarest clause of each condition is kept: weaker, still true.
    /// </summary>
    public static KeyRequirements AnyOf(IEnumerable<KeyRequirements> conditions)
    {
        var list = conditions.ToList();
        if (list.Exists(condition => condition.IsNone))
        {
            return None;
        }

        var combinations = list.Aggregate(1L, (product, condition) => Math.Min(product * condition.Clauses.Length, long.MaxValue / 64));
        if (combinations > MaxDistributedClauses)
        {
            return new([Union(list.Select(condition => condition.Rarest))]);
        }

        IEnumerable<ImmutableList<KeyClause>> picks = [ImmutableList<KeyClause>.Empty];
        foreach (var condition in list)
        {
            picks = picks.SelectMany(pick => condition.Clauses.Select(pick.Add)).ToList();
        }

        return new([.. picks.Select(Union)]);
    }

    private static KeyClause Union(IEnumerable<KeyClause> clauses)
    {
        var list = clauses.ToList();
        return new KeyClause([.. list.SelectMany(clause => clause.Keys).Distinct()], list.Sum(clause => clause.Cost));
    }
}
