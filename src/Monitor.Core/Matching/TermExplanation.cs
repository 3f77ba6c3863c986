using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>Why a query matched an article, or why not: every node of the query, true or false, and where.</summary>
/// <param name="Matched">Whether the whole query is true for the article.</param>
/// <param name="Query">The root node of the query.</param>
public sealed record TermExplanation(bool Matched, NodeExplanation Query);

/// <summary>One node of a query as evaluated for one article.</summary>
/// <param name="Kind">word, prefix, fuzzy, phrase, or, and, not, near or notNear.</param>
/// <param name="Text">The node as the query was read, words normalised, as <c>NOT NEAR/2("ai act", colorado)</c>.</param>
/// <param name="IsTrue">Whether the node is true for the article.</param>
/// <param name="Summary">The outcome in one sentence, for people.</param>
/// <param name="Found">
/// Where the node occurs: for a word, phrase, OR of those, NEAR or NOT NEAR, the occurrences that
/// count (a NEAR pair spans both operands); for a NOT, the words that are present and so made it false.
/// </param>
/// <param name="Excluded">For a NOT NEAR, the occurrences removed, each with the occurrence that removed it.</param>
/// <param name="Near">For a NEAR, the distance allowed and the closest pair found.</param>
/// <param name="Operands">The node's operands, explained the same way.</param>
public sealed record NodeExplanation(
    string Kind,
    string Text,
    bool IsTrue,
    string Summary,
    IReadOnlyList<TextSpan> Found,
    IReadOnlyList<ExcludedOccurrence> Excluded,
    NearDistance? Near,
    IReadOnlyList<NodeExplanation> Operands);

/// <summary>Characters of one field of the article, and what they say.</summary>
public sealed record TextSpan(ArticleField Field, int Start, int Length, string Text);

/// <summary>An occurrence that a NOT NEAR removed, the occurrence within reach that removed it, and the words between (negative when they overlap).</summary>
public sealed record ExcludedOccurrence(TextSpan Occurrence, TextSpan ExcludedBy, int WordsBetween);

/// <summary>
/// A NEAR's reach: at most <paramref name="Allowed"/> words between its operands. <paramref name="Closest"/> is
/// the fewest words found between an occurrence of each (null when one operand is absent), at <paramref name="Left"/> and <paramref name="Right"/>.
/// </summary>
public sealed record NearDistance(int Allowed, int? Closest, TextSpan? Left, TextSpan? Right);
