using System.Net;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>What the unsubscribe link answers: a status, a short message, and the page that says it.</summary>
public sealed record UnsubscribeAnswer(int Status, string Title, string Message, string? SubscriberId, bool AskToConfirm)
{
    /// <summary>A small self-contained page (the person arrived from an email, not from the app).</summary>
    public string ToHtml(string? token)
    {
        var form = AskToConfirm && token is not null
            ? $"<form method=\"post\" action=\"?token={WebUtility.UrlEncode(token)}\"><button type=\"submit\">Unsubscribe</button></form>"
            : "";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<meta name=\"robots\" content=\"noindex\"><title>{WebUtility.HtmlEncode(Title)} · News Monitor</title>"
            + "<style>body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0}main{max-width:28rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px}"
            + "h1{font-size:1.3rem;margin-top:0}button{font:inherit;padding:.5rem 1.2rem;border:0;border-radius:6px;background:#b91c1c;color:#fff;cursor:pointer}</style></head>"
            + $"<body><main><h1>{WebUtility.HtmlEncode(Title)}</h1><p>{WebUtility.HtmlEncode(Message)}</p>{form}</main></body></html>";
    }
}

/// <summary>
/// The unsubscribe link of every digest: GET asks to confirm (mail scanners follow links, so a GET changes
/// nothing), POST unsubscribes, which is also what one-click unsubscribe (RFC 8058) sends. Anonymous: the
/// signed token is the authority, for one subscriber, until it expires.
/// </summary>
public sealed class UnsubscribeFlow(UnsubscribeTokens tokens, ISubscriberStore subscribers)
{
    public async Task<UnsubscribeAnswer> ConfirmAsync(string? token, CancellationToken ct)
    {
        var (answer, subscriber) = await ResolveAsync(token, ct);
        return answer ?? (subscriber!.State == SubscriberState.Unsubscribed
            ? Already(subscriber)
            : new UnsubscribeAnswer(200, "Unsubscribe?", $"Stop the News Monitor digests sent to {Mask(subscriber.Email)}?", subscriber.Id, AskToConfirm: true));
    }

    public async Task<UnsubscribeAnswer> UnsubscribeAsync(string? token, CancellationToken ct)
    {
        var (answer, subscriber) = await ResolveAsync(token, ct);
        if (answer is not null)
        {
            return answer;
        }

        if (subscriber!.State == SubscriberState.Unsubscribed)
        {
            return Already(subscriber);
        }

        await subscribers.UpsertSubscriberAsync(subscriber with { State = SubscriberState.Unsubscribed }, ct);
        return new UnsubscribeAnswer(200, "Unsubscribed", $"{Mask(subscriber.Email)} will get no more digests.", subscriber.Id, AskToConfirm: false);
    }

    private async Task<(UnsubscribeAnswer? Answer, Subscriber? Subscriber)> ResolveAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || !tokens.TryValidate(token, out var id))
        {
            return (new UnsubscribeAnswer(400, "Link not valid", "This unsubscribe link is damaged or has expired. Use the link in a more recent digest.", null, false), null);
        }

        var subscriber = await subscribers.GetSubscriberAsync(id, ct);
        return subscriber is null
            ? (new UnsubscribeAnswer(404, "Not subscribed", "This address is no longer on the list; nothing more will be sent.", id, false), null)
            : (null, subscriber);
    }

    private static UnsubscribeAnswer Already(Subscriber subscriber) =>
        new(200, "Already unsubscribed", $"{Mask(subscriber.Email)} gets no digests.", subscriber.Id, AskToConfirm: false);

    /// <summary>"a•••@example.org": enough for the owner to recognise, not a gift to whoever holds the link.</summary>
    private static string Mask(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "•••" : email[0] + "•••" + email[at..];
    }
}
