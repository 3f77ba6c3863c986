using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NewsMonitor.Management;

namespace NewsMonitor.Http;

/// <summary>A management handler's <see cref="ApiProblem"/> as RFC 9457 problem details, the same on both hosts.</summary>
public static class ApiProblems
{
    public static ProblemDetails ToProblemDetails(ApiProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ProblemDetails details = problem.Errors is { } errors
            ? new HttpValidationProblemDetails(errors.ToDictionary(p => p.Key, p => p.Value))
            : new ProblemDetails();
        details.Status = problem.Status;
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        foreach (var (key, value) in problem.Extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[key] = value;
        }

        return details;
    }

    public static IResult ToResult(ApiProblem problem) => TypedResults.Problem(ToProblemDetails(problem));
}
