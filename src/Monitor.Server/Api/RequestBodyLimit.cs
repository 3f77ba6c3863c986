using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace NewsMonitor.Server.Api;

/// <summary>Refuses a body whose declared length is over "Api:MaxBodyBytes" before anything reads it (Kestrel also caps undeclared lengths).</summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = 413, Title = "Request body too large", Detail = $"the body has {context.Request.ContentLength} bytes; the limit is {limit} (Api:MaxBodyBytes)" },
            });
            return;
        }

        await next(context);
    }
}
