using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsMonitor.Delivery;
using Polly;
using Polly.Retry;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace NewsMonitor.Azure.SendGrid;

/// <summary>
/// Sends each digest as one v3 mail/send request on the official client. It returns only on 202 Accepted,
/// which is when SendDigestsHandler records the digest as sent. A 429 waits until the rate limit resets
/// (Retry-After, else X-RateLimit-Reset) and retries; a 5xx retries with exponential back-off; any other
/// 4xx fails at once with SendGrid's error text, since sending the same request again cannot succeed.
/// The digest key travels as a custom arg, so a send retried after a crash is recognisable in SendGrid.
/// </summary>
public sealed class SendGridEmailSender : IEmailSender
{
    public const string HttpClientName = "sendgrid";
    public const string DigestKeyArg = "digest_key";

    private readonly SendGridClient client;
    private readonly SendGridOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<SendGridEmailSender> logger;
    private readonly ResiliencePipeline<Response> retry;

    public SendGridEmailSender(IHttpClientFactory http, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        if (string.IsNullOrWhiteSpace(this.options.ApiKey))
        {
            throw new InvalidOperationException("Delivery:Sender is \"sendgrid\" but SendGrid:ApiKey is not set.");
        }

        // The client's own retry handler stays off: this class owns the retry policy.
        client = new SendGridClient(http.CreateClient(HttpClientName), new SendGridClientOptions { ApiKey = this.options.ApiKey, Host = this.options.Host.TrimEnd('/') });
        retry = new ResiliencePipelineBuilder<Response> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Response>
            {
                MaxRetryAttempts = Math.Max(1, this.options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                Delay = this.options.RetryDelay,
                MaxDelay = this.options.MaxRetryDelay,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Result: { StatusCode: HttpStatusCode.TooManyRequests } r } => RateLimitWait(r) <= this.options.MaxRetryDelay,
                    { Result: { } r } => (int)r.StatusCode >= 500,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } r ? RateLimitWait(r) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    this.logger.LogWarning(args.Outcome.Exception, "SendGrid answered {Status}; retry {Attempt} in {Delay}", args.Outcome.Result?.StatusCode, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var request = Build(message);
        var response = options.MaxRetries <= 0
            ? await client.SendEmailAsync(request, ct)
            : await retry.ExecuteAsync(async token => await client.SendEmailAsync(request, token), ct);
        await CheckAsync(response, message, ct);
    }

    /// <summary>The v3 request: text then HTML, the digest key as a custom arg, categories, sandbox mode.</summary>
    internal SendGridMessage Build(EmailMessage message)
    {
        var mail = MailHelper.CreateSingleEmail(
            new global::SendGrid.Helpers.Mail.EmailAddress(message.From.Address, message.From.Name),
            new global::SendGrid.Helpers.Mail.EmailAddress(message.To.Address, message.To.Name),
            message.Subject,
            message.TextBody,
            message.HtmlBody);
        mail.AddCustomArg(DigestKeyArg, message.DigestKey);
        mail.AddCategories((options.Categories ?? SendGridOptions.DefaultCategories).ToList());
        if (message.Headers.Count > 0)
        {
            mail.AddHeaders(message.Headers.ToDictionary(h => h.Key, h => h.Value));
        }

        if (options.SandboxMode)
        {
            mail.SetSandBoxMode(true);
        }

        return mail;
    }

    private async Task CheckAsync(Response response, EmailMessage message, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return;
        }

        var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync(ct);
        var reason = response.StatusCode == HttpStatusCode.TooManyRequests
            ? $"rate limited until {time.GetUtcNow() + RateLimitWait(response):u}"
            : ErrorText(body);
        throw new SendGridException(response.StatusCode, $"SendGrid refused digest {message.DigestKey}: HTTP {(int)response.StatusCode} {reason}".TrimEnd());
    }

    /// <summary>How long SendGrid asks us to wait: Retry-After if given, else until X-RateLimit-Reset (Unix seconds).</summary>
    private TimeSpan RateLimitWait(Response response)
    {
        var headers = response.Headers;
        if (headers?.RetryAfter is { } retryAfter)
        {
            return retryAfter.Delta ?? (retryAfter.Date is { } date ? Positive(date - time.GetUtcNow()) : options.RetryDelay);
        }

        if (headers is not null && headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            return Positive(DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow());
        }

        return options.RetryDelay;
    }

    private static TimeSpan Positive(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;

    /// <summary>SendGrid explains a refusal as {"errors":[{"message","field"}]}; the raw body when it does not.</summary>
    internal static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var messages = errors.EnumerateArray().Select(e =>
                {
                    var text = e.TryGetProperty("message", out var m) ? m.GetString() : null;
                    return e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? $"{text} (field {f.GetString()})" : text;
                });
                return string.Join("; ", messages.Where(m => !string.IsNullOrEmpty(m)));
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 500 ? body[..500] : body;
    }
}
