using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace NewsMonitor.Http;

/// <summary>
/// The web page (HTML, CSS and JavaScript, no build step), built into this assembly so that each host serves the
/// same files: the Server at "/", the Functions app at "/api/page/".
/// </summary>
public static class WebPage
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(WebPage).Assembly, "NewsMonitor.Http.wwwroot");

    /// <summary>The page runs only its own script (inline styles are for the digest preview), and is never cached stale across versions.</summary>
    public static void ApplyHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-cache";
    }

    /// <summary>One file of the page ("" is index.html), or 404 for a name the page does not have.</summary>
    public static IResult Serve(string? name, HttpResponse response)
    {
        var file = Files.GetFileInfo(string.IsNullOrEmpty(name) ? "index.html" : name);
        if (!file.Exists || file.IsDirectory || !ContentTypes.TryGetContentType(file.Name, out var type))
        {
            return TypedResults.NotFound();
        }

        ApplyHeaders(response);
        return TypedResults.Stream(file.CreateReadStream(), type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal) ? type + "; charset=utf-8" : type);
    }
}
