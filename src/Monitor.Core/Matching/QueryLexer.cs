namespace NewsMonitor.Matching;

/// <summary>Cuts a query into tokens: words, phrases, parentheses and upper-case operator keywords.</summary>
internal static class QueryLexer
{
    public static List<QueryToken> Tokenize(string query)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (true)
        {
            while (i < query.Length && char.IsWhiteSpace(query[i]))
            {
                i++;
            }

            if (i == query.Length)
            {
                tokens.Add(new QueryToken(QueryTokenKind.End, i, "", i));
                return tokens;
            }

            var c = query[i];
            if (c == '(')
            {
                tokens.Add(new QueryToken(QueryTokenKind.OpenParenthesis, i, "(", i));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new QueryToken(QueryTokenKind.CloseParenthesis, i, ")", i));
                i++;
            }
            else if (c == '"')
            {
                tokens.Add(ReadPhrase(query, ref i));
            }
            else if (c == '-' && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1]) && query[i + 1] != ')')
            {
                tokens.Add(new QueryToken(QueryTokenKind.Minus, i, "-", i));
                i++;
            }
            else
            {
                tokens.Add(ReadBareToken(query, ref i));
            }
        }
    }

    private static QueryToken ReadPhrase(string query, ref int i)
    {
        var open = i;
        var close = query.IndexOf('"', open + 1);
        if (close < 0)
        {
            throw new QueryParseException(
                $"unterminated quote (the phrase opened at position {open} is never closed)",
                query.Length, "closing '\"'", "end of query");
        }

        i = close + 1;
        return new QueryToken(QueryTokenKind.Phrase, open, query[(open + 1)..close], open + 1);
    }

    private static QueryToken ReadBareToken(string query, ref int i)
    {
        var start = i;
        while (i < query.Length && !char.IsWhiteSpace(query[i]) && query[i] is not ('(' or ')' or '"'))
        {
            i++;
        }

        var text = query[start..i];
        return text switch
        {
            "AND" => new QueryToken(QueryTokenKind.And, start, text, start),
            "OR" => new QueryToken(QueryTokenKind.Or, start, text, start),
            "NOT" => new QueryToken(QueryTokenKind.Not, start, text, start),
            _ when text == "NEAR" || text.StartsWith("NEAR/", StringComparison.Ordinal) => ReadNear(query, text, start),
            _ when MisspeltNear(text) is { } distance => throw new QueryParseException(
                $"'{text}' looks like a misspelt NEAR", start, $"NEAR/{distance} (upper case, '/' before the distance), or \"{text}\" in quotes to match it as words", $"'{text}'"),
            _ => new QueryToken(QueryTokenKind.Word, start, text, start),
        };
    }

    /// <summary>
    /// "NEAR5", "near/5", "Near:5": a proximity the editor meant but the language would read as plain words, which
    /// would silently match almost nothing. Returns the distance they meant, or null for anything else ("near" alone
    /// is an ordinary word).
    /// </summary>
    private static string? MisspeltNear(string text)
    {
        if (text.Length <= 4 || !text.StartsWith("near", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text.AsSpan(4);
        if (rest[0] is '/' or ':' or '\\' or '-' or '=')
        {
            rest = rest[1..];
        }

        return rest.Length is > 0 and <= 3 && rest.ContainsAnyExceptInRange('0', '9') is false ? rest.ToString() : null;
    }

    private static QueryToken ReadNear(string query, string text, int start)
    {
        if (text == "NEAR")
        {
            var after = start + text.Length;
            throw new QueryParseException(
                "NEAR needs a distance", after, "'/' and a number of words, as in NEAR/5",
                after == query.Length ? "end of query" : char.IsWhiteSpace(query[after]) ? "a space" : $"'{query[after]}'");
        }

        var digits = text["NEAR/".Length..];
        var digitsPosition = start + "NEAR/".Length;
        var expected = $"a number of words from 0 to {QueryLimits.MaxNearDistance}";
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new QueryParseException(
                "NEAR needs a distance", digitsPosition, expected, digits.Length == 0 ? "nothing" : $"'{digits}'");
        }

        if (digits.Length > 3 || int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) > QueryLimits.MaxNearDistance)
        {
            throw new QueryParseException("NEAR distance too large", digitsPosition, expected, digits);
        }

        return new QueryToken(
            QueryTokenKind.Near, start, text, start, int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
    }
}
