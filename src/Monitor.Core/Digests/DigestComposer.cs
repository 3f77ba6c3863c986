using Microsoft.Extensions.Options;
using NewsMonitor.Delivery;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// Builds and renders a subscriber's digest into a message: both parts, a signed unsubscribe link in the body,
/// and the List-Unsubscribe headers for one-click unsubscribing from the mail client (RFC 8058).
/// </summary>
public sealed class DigestComposer(IOptions<DigestOptions> options, IOptions<DeliveryOptions> delivery, UnsubscribeTokens tokens, TimeProvider time)
{
    public Digest Build(Subscriber subscriber, PendingDigest pending) =>
        DigestBuilder.Build(subscriber, pending.Items, pending.Watchlist, options.Value.MaxArticles);

    public EmailMessage Compose(Digest digest, string digestKey) => Compose(digest, digestKey, null);

    /// <summary>As composed at <paramref name="claimedAt"/> (when the digest's key was claimed), so a resend is byte for byte the same message.</summary>
    public EmailMessage Compose(Digest digest, string digestKey, DateTimeOffset? claimedAt)
    {
        digest = digest with { Date = claimedAt ?? time.GetUtcNow() };
        var subscriber = digest.Subscriber;
        var token = claimedAt is { } at ? tokens.Create(subscriber.Id, at) : tokens.Create(subscriber.Id);
        var unsubscribe = UnsubscribeTokens.UrlFor(options.Value.PublicBaseUrl, token);
        return new EmailMessage
        {
            From = new EmailAddress(delivery.Value.FromAddress, delivery.Value.FromName),
            To = new EmailAddress(subscriber.Email, subscriber.Name is { } name ? MailText.OneLine(name) : null),
            Subject = digest.Subject,
            HtmlBody = DigestHtmlRenderer.Render(digest, unsubscribe),
            TextBody = DigestTextRenderer.Render(digest, unsubscribe),
            DigestKey = digestKey,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }
}
