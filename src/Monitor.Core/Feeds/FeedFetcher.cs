using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using NewsMonitor.Storage;

namespace NewsMonitor.Feeds;

/// <summary>
/// Conditional GET of one feed within the configured limits: a slot on its host first (politeness),
/// then the whole request, headers and streamed body, within <see cref="FeedFetchOptions.Timeout"/>
/// and <see cref="FeedFetchOptions.MaxBodyBytes"/>. Never throws for what a server does: every
/// failure is a <see cref="FetchResult"/> with a sentence a person understands. Redirects are followed here,
/// hop by hop, up to <see cref="FeedFetchOptions.MaxRedirects"/>, where <see cref="FeedRedirect"/> allows.
/// </summary>
public sealed class FeedFetcher(IHttpClientFactory clients, IOptions<FeedFetchOptions> options, HostLimiter hosts, TimeProvider time)
{
    public const string ClientName = "feeds";

    public async Task<FetchResult> FetchAsync(FeedSource feed, CancellationToken ct)
    {
        if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return FetchResult.Failure($"not an http(s) URL: {feed.Url}");
        }

        var limits = options.Value;
        using var slot = await hosts.AcquireAsync(uri, ct).ConfigureAwait(false);
        // Real time, not the injected clock: a silent server is silent in wall-clock seconds.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linked.CancelAfter(limits.Timeout);
        var client = clients.CreateClient(ClientName);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = Conditional(new HttpRequestMessage(HttpMethod.Get, uri), feed);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if (!FeedRedirect.IsRedirect(response))
                {
                    return await ReadAsync(response, limits, linked.Token).ConfigureAwait(false);
                }

                if (redirects >= Math.Max(1, limits.MaxRedirects))
                {
                    return FetchResult.Failure($"HTTP {(int)response.StatusCode}: too many redirects (more than {limits.MaxRedirects})");
                }

                if (FeedRedirect.Target(uri, response, out var error) is not { } next)
                {
                    return FetchResult.Failure(error!);
                }

                uri = next;
            }
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            return FetchResult.Failure(e.InnerException is TimeoutException
                ? $"could not connect within {Seconds(limits.ConnectTimeout)}"
                : $"timed out after {Seconds(limits.Timeout)}");
        }
        catch (HttpRequestException e)
        {
            return FetchResult.Failure(Describe(e, limits));
        }
    }

    private static HttpRequestMessage Conditional(HttpRequestMessage request, FeedSource feed)
    {
        if (feed.ETag is { Length: > 0 } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (feed.LastModified is { Length: > 0 } lastModified
            && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        return request;
    }

    private async Task<FetchResult> ReadAsync(HttpResponseMessage response, FeedFetchOptions limits, CancellationToken ct)
    {
        var finalUri = response.RequestMessage?.RequestUri;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult { Status = FetchStatus.NotModified, FinalUri = finalUri, FreshFor = FreshFor(response) };
        }

        if (!response.IsSuccessStatusCode)
        {
            return Refused(response);
        }

        var declared = response.Content.Headers.ContentLength;
        if (declared > limits.MaxBodyBytes)
        {
            return FetchResult.Failure($"too large: {declared} bytes (limit {limits.MaxBodyBytes})");
        }

        var body = await ReadCappedAsync(response.Content, declared, limits.MaxBodyBytes, ct).ConfigureAwait(false);
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
            ContentLocation = ContentLocation(response, finalUri),
            FreshFor = FreshFor(response),
        };
    }

    private static Uri? ContentLocation(HttpResponseMessage response, Uri? finalUri) => response.Content.Headers.ContentLocation switch
    {
        null => null,
        { IsAbsoluteUri: true } absolute => absolute,
        var relative when finalUri is not null => new Uri(finalUri, relative),
        _ => null,
    };

    private FetchResult Refused(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code is >= 300 and < 400)
        {
            return FetchResult.Failure($"HTTP {code} without a Location");
        }

        var retryAfter = RetryAfter(response);
        return FetchResult.Failure(retryAfter is { } wait ? $"HTTP {code} (asked to retry after {Seconds(wait)})" : $"HTTP {code}", retryAfter);
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes (after decompression); null when the body is longer. A declared
    /// length sizes the buffer once; the limit is enforced on what arrives, whatever was declared.
    /// </summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, long? declared, long limit, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[Math.Clamp(declared ?? 64 * 1024, 1, Math.Min(limit + 1, Array.MaxLength))];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // Full: most often the declared length was exact and the stream is at its end; look before growing.
                var probe = new byte[1];
                if (await stream.ReadAsync(probe, ct).ConfigureAwait(false) == 0)
                {
                    return buffer;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, Math.Min(limit + 1, Array.MaxLength)));
                buffer[length++] = probe[0];
                if (length > limit)
                {
                    return null;
                }
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > limit)
            {
                return null;
            }
        }

        return length == buffer.Length ? buffer : buffer[..length];
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var retry = response.Headers.RetryAfter;
        if (retry?.Delta is { } delta)
        {
            return delta;
        }

        return retry?.Date is { } date ? Positive(date - time.GetUtcNow()) : null;
    }

    /// <summary>Cache-Control max-age, else Expires measured against the server's own clock (Date), else ours.</summary>
    private TimeSpan? FreshFor(HttpResponseMessage response)
    {
        if (response.Headers.CacheControl?.MaxAge is { } maxAge)
        {
            return maxAge;
        }

        return response.Content.Headers.Expires is { } expires ? Positive(expires - (response.Headers.Date ?? time.GetUtcNow())) : null;
    }

    private static TimeSpan? Positive(TimeSpan span) => span > TimeSpan.Zero ? span : null;

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private static string Describe(HttpRequestException e, FeedFetchOptions limits) => e switch
    {
        PrivateAddressException => e.Message,
        { InnerException: PrivateAddressException inner } => inner.Message,
        { HttpRequestError: HttpRequestError.NameResolutionError } => "host not found",
        { HttpRequestError: HttpRequestError.ConnectionError } => "connection refused or unreachable",
        { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS error",
        { HttpRequestError: HttpRequestError.ResponseEnded } => "the server closed the connection before the response ended",
        { HttpRequestError: HttpRequestError.InvalidResponse } => "not a valid HTTP response",
        { InnerException: TimeoutException } => $"could not connect within {Seconds(limits.ConnectTimeout)}",
        _ => e.Message,
    };
}
