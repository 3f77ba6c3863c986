using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>Conditional GET of one feed within the configured time and size limits.</summary>
public sealed class FeedFetcher(IHttpClientFactory clients, IOptions<FeedFetchOptions> options, TimeProvider time)
{
    public const string ClientName = "feeds";

    public async Task<FetchResult> FetchAsync(FeedSource feed, CancellationToken ct)
    {
        if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return FetchResult.Failure($"not an http(s) URL: {feed.Url}");
        }

        var limits = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limits.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (feed.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (feed.LastModified is { Length: > 0 } lastModified && DateTimeOffset.TryParse(lastModified, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        try
        {
            using var response = await clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return await ReadAsync(response, limits, time, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return FetchResult.Failure($"timed out after {limits.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return FetchResult.Failure(Describe(e));
        }
    }

    private static async Task<FetchResult> ReadAsync(HttpResponseMessage response, FeedFetchOptions limits, TimeProvider time, CancellationToken ct)
    {
        var finalUri = response.RequestMessage?.RequestUri;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult { Status = FetchStatus.NotModified, FinalUri = finalUri, RetryAfter = MaxAge(response) };
        }

        if (!response.IsSuccessStatusCode)
        {
            var code = (int)response.StatusCode;
            var error = code is >= 300 and < 400 ? $"HTTP {code}: too many redirects (more than {limits.MaxRedirects})" : $"HTTP {code}";
            return FetchResult.Failure(error, RetryAfter(response, time));
        }

        var declared = response.Content.Headers.ContentLength;
        if (declared > limits.MaxBodyBytes)
        {
            return FetchResult.Failure($"too large: {declared} bytes (limit {limits.MaxBodyBytes})");
        }

        var body = await ReadCappedAsync(response.Content, limits.MaxBodyBytes, ct).ConfigureAwait(false);
        if (body is null)
        {
            return FetchResult.Failure($"too large: more than {limits.MaxBodyBytes} bytes");
        }

        return new FetchResult
        {
            Status = FetchStatus.Fetched,
            Body = body,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified?.ToString("R"),
            FinalUri = finalUri,
            RetryAfter = MaxAge(response),
        };
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, long limit, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var retry = response.Headers.RetryAfter;
        if (retry?.Delta is { } delta)
        {
            return delta;
        }

        return retry?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private static TimeSpan? MaxAge(HttpResponseMessage response) => response.Headers.CacheControl?.MaxAge;

    private static string Describe(HttpRequestException e) => e switch
    {
        PrivateAddressException => e.Message,
        { InnerException: PrivateAddressException inner } => inner.Message,
        { HttpRequestError: HttpRequestError.NameResolutionError } => "host not found",
        { HttpRequestError: HttpRequestError.ConnectionError } => "connection refused or unreachable",
        { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS error",
        _ => e.Message,
    };
}
