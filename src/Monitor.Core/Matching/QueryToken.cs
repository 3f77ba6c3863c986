namespace NewsMonitor.Matching;

internal enum QueryTokenKind
{
    /// <summary>A bare word (may normalise to several words, or end with '*').</summary>
    Word,

    /// <summary>A quoted phrase; <see cref="QueryToken.Text"/> is the text between the quotes.</summary>
    Phrase,
    OpenParenthesis,
    CloseParenthesis,
    And,
    Or,
    Not,

    /// <summary>'-' directly before an operand.</summary>
    Minus,

    /// <summary>NEAR/n; <see cref="QueryToken.Distance"/> is n.</summary>
    Near,
    End,
}

/// <param name="Position">Index in the query of the token's first character.</param>
/// <param name="TextPosition">Index in the query of <paramref name="Text"/> (after the opening quote of a phrase).</param>
internal readonly record struct QueryToken(QueryTokenKind Kind, int Position, string Text, int TextPosition, int Distance = 0)
{
    public bool StartsOperand => Kind is QueryTokenKind.Word or QueryTokenKind.Phrase
        or QueryTokenKind.OpenParenthesis or QueryTokenKind.Not or QueryTokenKind.Minus;

    /// <summary>The token as an error message names it.</summary>
    public string Describe() => Kind switch
    {
        QueryTokenKind.End => "end of query",
        QueryTokenKind.Phrase => $"\"{Text}\"",
        QueryTokenKind.Near => $"NEAR/{Distance}",
        _ => $"'{Text}'",
    };
}
