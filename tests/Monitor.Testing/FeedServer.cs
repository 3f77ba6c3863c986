using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsMonitor.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port) serving feed documents, for fetch and end-to-end
/// tests. Each path answers with what a test put there; a test can also install its own handler.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private static readonly string[] Encodings = ["br", "gzip", "deflate"];
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, RequestDelegate> routes = new(StringComparer.Ordinal);

    private FeedServer(WebApplication app) => this.app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request the server received, as "METHOD /path".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The headers of the last request to each path ("/feed.xml"), header names lower-cased.</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> LastHeaders { get; } = new(StringComparer.Ordinal);

    /// <summary>Every address the server listens on: 127.0.0.1, then 127.0.0.2 … when started on several hosts.</summary>
    public IReadOnlyList<Uri> BaseUris { get; private set; } = [];

    public static Task<FeedServer> StartAsync() => StartAsync(1);

    /// <summary>
    /// Listens on <paramref name="hosts"/> loopback addresses (127.0.0.1, 127.0.0.2, …), each a distinct host
    /// to a client: what a test of per-host limits, or a benchmark of many sites, needs.
    /// </summary>
    public static async Task<FeedServer> StartAsync(int hosts)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(Enumerable.Range(1, hosts).Select(h => $"http://127.0.0.{h}:0").ToArray());
        builder.Logging.ClearProviders();
        builder.Services.AddRoutingCore();
        var server = new FeedServer(builder.Build());
        server.app.Run(server.HandleAsync);
        await server.app.StartAsync();
        server.BaseUris = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.TrimEnd('/') + "/"))
            .OrderBy(u => u.Host, StringComparer.Ordinal)
            .ToList();
        server.BaseUri = server.BaseUris[0];
        return server;
    }

    public Uri UrlOf(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>The URL of <paramref name="path"/> on the <paramref name="host"/>-th address (0-based), for servers started on several hosts.</summary>
    public Uri UrlOf(string path, int host) => new(BaseUris[host % BaseUris.Count], path.TrimStart('/'));

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> with a content type.</summary>
    public void Serve(string path, string body, string contentType = "application/rss+xml; charset=utf-8") =>
        Handle(path, context =>
        {
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(body);
        });

    public void Handle(string path, RequestDelegate handler) => routes["/" + path.TrimStart('/')] = handler;

    /// <summary>Serves exact bytes (an encoding under test), with optional extra response headers.</summary>
    public void ServeBytes(string path, byte[] body, string contentType, IReadOnlyDictionary<string, string>? headers = null) =>
        Handle(path, context =>
        {
            context.Response.ContentType = contentType;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            return context.Response.Body.WriteAsync(body).AsTask();
        });

    /// <summary>Serves a feed with validators, answering 304 Not Modified when the request's conditions hold, as a good server does.</summary>
    public void ServeConditional(string path, string body, string etag, DateTimeOffset lastModified, string contentType = "application/rss+xml; charset=utf-8")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        Handle(path, context =>
        {
            var request = context.Request.GetTypedHeaders();
            var matches = request.IfNoneMatch.Count > 0
                ? request.IfNoneMatch.Any(t => t.Tag.Value == etag)
                : request.IfModifiedSince is { } since && since >= lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond));
            context.Response.Headers.ETag = etag;
            context.Response.GetTypedHeaders().LastModified = lastModified;
            if (matches)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            context.Response.ContentType = contentType;
            context.Response.ContentLength = bytes.Length;
            return context.Response.Body.WriteAsync(bytes).AsTask();
        });
    }

    /// <summary>Compresses with the best encoding the client accepts (br, gzip, deflate), or none.</summary>
    public void ServeCompressed(string path, string body, string contentType = "application/rss+xml; charset=utf-8") =>
        Handle(path, async context =>
        {
            var accepted = context.Request.Headers.AcceptEncoding.ToString();
            var encoding = Encodings.FirstOrDefault(e => accepted.Contains(e, StringComparison.OrdinalIgnoreCase));
            context.Response.ContentType = contentType;
            var bytes = Encoding.UTF8.GetBytes(body);
            if (encoding is null)
            {
                await context.Response.Body.WriteAsync(bytes);
                return;
            }

            context.Response.Headers.ContentEncoding = encoding;
            using var compressed = new MemoryStream();
            await using (Stream compressor = encoding switch
            {
                "br" => new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true),
                "gzip" => new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true),
                _ => new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true),
            })
            {
                await compressor.WriteAsync(bytes);
            }

            await context.Response.Body.WriteAsync(compressed.ToArray());
        });

    public void Redirect(string path, string location, int status = StatusCodes.Status302Found) =>
        Handle(path, context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        });

    /// <summary>Accepts the request and never answers (until the client gives up).</summary>
    public void NeverAnswer(string path) =>
        Handle(path, async context =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client hung up: what this route is for.
            }
        });

    /// <summary>Sends a valid-looking feed that never ends, as fast as the client reads, or one chunk per <paramref name="pause"/>.</summary>
    public void SendForever(string path, TimeSpan? pause = null) =>
        Handle(path, async context =>
        {
            context.Response.ContentType = "application/rss+xml";
            var chunk = Encoding.UTF8.GetBytes("<item><title>more</title><link>https://forever.example.com/</link></item>\n");
            try
            {
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>forever</title>"), context.RequestAborted);
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    if (pause is { } wait)
                    {
                        await Task.Delay(wait, context.RequestAborted);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client hung up: what this route is for.
            }
        });

    private Task HandleAsync(HttpContext context)
    {
        Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
        LastHeaders[context.Request.Path.Value ?? "/"] = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        if (routes.TryGetValue(context.Request.Path.Value ?? "/", out var handler))
        {
            return handler(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
