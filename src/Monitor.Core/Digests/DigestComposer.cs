using Microsoft.Extensions.Options;
using NewsMonitor.Delivery;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// Builds and renders a subscriber's digest into a message: both parts, with their signed links (stop a term, not
/// relevant, change how often, unsubscribe), and the List-Unsubscribe headers for one-click unsubscribing from the mail client (RFC 8058).
/// </summary>
public sealed class DigestComposer(IOptions<DigestOptions> options, IOptions<DeliveryOptions> delivery, ActionTokens tokens, TimeProvider time)
{
    public Digest Build(Subscriber subscriber, PendingDigest pending) =>
        DigestBuilder.Build(subscriber, pending.Items, pending.Watchlist, options.Value.MaxArticles);

    public EmailMessage Compose(Digest digest, string digestKey) => Compose(digest, digestKey, null);

    /// <summary>As composed at <paramref name="claimedAt"/> (when the digest's key was claimed), so a resend is byte for byte the same message.</summary>
    public EmailMessage Compose(Digest digest, string digestKey, DateTimeOffset? claimedAt)
    {
        var issuedAt = claimedAt ?? time.GetUtcNow();
        digest = digest with { Date = issuedAt };
        var subscriber = digest.Subscriber;
        var links = new DigestLinks(tokens, options.Value.PublicBaseUrl, subscriber.Id, issuedAt);
        var unsubscribe = links.Unsubscribe;
        return new EmailMessage
        {
            From = new EmailAddress(delivery.Value.FromAddress, delivery.Value.FromName),
            To = new EmailAddress(subscriber.Email, subscriber.Name is { } name ? MailText.OneLine(name) : null),
            Subject = digest.Subject,
            HtmlBody = DigestHtmlRenderer.Render(digest, links),
            TextBody = DigestTextRenderer.Render(digest, links),
            DigestKey = digestKey,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }
}
