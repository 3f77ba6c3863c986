namespace NewsMonitor.Management;

/// <summary>Which slice of a list to return: <c>?offset=0&amp;limit=50</c>.</summary>
public readonly record struct PageRequest(int Offset, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static PageRequest Of(int? offset, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (offset < 0)
        {
            errors["offset"] = ["offset must be 0 or more"];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}"];
        }

        return errors.Count == 0
            ? new PageRequest(offset ?? 0, limit ?? DefaultLimit)
            : throw new ApiProblemException(ApiProblem.Invalid(string.Join("; ", errors.Values.SelectMany(v => v)), errors));
    }

    /// <summary>For hosts that read the query string themselves (the Functions app).</summary>
    public static PageRequest Parse(string? offset, string? limit) => Of(Number(offset, "offset"), Number(limit, "limit"));

    public Page<T> Apply<T>(IReadOnlyList<T> all) =>
        new([.. all.Skip(Offset).Take(Limit)], all.Count, Offset, Limit);

    private static int? Number(string? text, string name) =>
        string.IsNullOrEmpty(text) ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw new ApiProblemException(ApiProblem.Invalid(name, $"{name} must be a whole number, found '{text}'"));
}

/// <summary>One page of a list and the size of the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);
