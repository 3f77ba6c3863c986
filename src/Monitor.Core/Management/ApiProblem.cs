using NewsMonitor.Matching;

namespace NewsMonitor.Management;

/// <summary>
/// An error for the person calling the API, independent of the host: each host turns it into RFC 9457 problem
/// details (ASP.NET Core's ProblemDetails on the Server, the same JSON on the Functions app).
/// </summary>
public sealed record ApiProblem(int Status, string Title, string Detail)
{
    /// <summary>Field name to messages, for validation errors (the "errors" member of problem details).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Further members of the problem document, such as the position of a query error.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static ApiProblem NotFound(string kind, string id) =>
        new(404, "Not found", $"no {kind} with id '{id}'");

    public static ApiProblem Conflict(string kind, string id) =>
        new(409, "Already exists", $"a {kind} with id '{id}' already exists; update it with PUT instead");

    public static ApiProblem Invalid(string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(400, "Invalid request", detail) { Errors = errors };

    public static ApiProblem Invalid(string field, string message) =>
        Invalid(message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A query that does not parse: where, what was expected and what was found.</summary>
    public static ApiProblem InvalidQuery(QueryParseException error, string field = "query") =>
        new(400, "Invalid query", error.Message)
        {
            Errors = new Dictionary<string, string[]> { [field] = [error.Message] },
            Extensions = new Dictionary<string, object?>
            {
                ["position"] = error.Position,
                ["expected"] = error.Expected,
                ["found"] = error.Found,
                ["reason"] = error.Reason,
            },
        };
}

/// <summary>Thrown by the management handlers; the host maps <see cref="Problem"/> to its response.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException(ApiProblem problem)
        : base(problem?.Detail)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
    }

    public ApiProblem Problem { get; }
}
