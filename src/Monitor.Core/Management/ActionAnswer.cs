using System.Text;
using NewsMonitor.Digests;

namespace NewsMonitor.Management;

/// <summary>
/// A button of an answer page: a form that POSTs to <see cref="Target"/>, a URL relative to the page's own
/// ("?token=…" for the same link, "unsubscribe?token=…" for the unsubscribe link). <see cref="Current"/> marks the
/// choice already in effect (shown, not clickable).
/// </summary>
public sealed record AnswerButton(string Label, string Target, bool Current = false);

/// <summary>
/// What a signed link in a digest answers: a status, a short title and message in the subscriber's language, and the
/// buttons that do the action (a GET never does it: mail scanners follow links).
/// </summary>
public sealed record ActionAnswer(int Status, string Title, string Message, string? SubscriberId, string Language)
{
    public IReadOnlyList<AnswerButton> Buttons { get; init; } = [];

    /// <summary>A small self-contained page (the person arrived from an email, not from the app), readable on a phone.</summary>
    public string ToHtml()
    {
        var forms = new StringBuilder();
        foreach (var button in Buttons)
        {
            forms.Append(button.Current
                ? $"<p><button type=\"button\" disabled>{Html(button.Label)}</button></p>"
                : $"<form method=\"post\" action=\"{Html(button.Target)}\"><button type=\"submit\">{Html(button.Label)}</button></form>");
        }

        return $"<!DOCTYPE html><html lang=\"{Html(Language)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<meta name=\"robots\" content=\"noindex\"><title>{Html(Title)} · News Monitor</title>"
            + "<style>body{font-family:system-ui,sans-serif;background:#f4f4f5;color:#18181b;margin:0}main{max-width:28rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px}"
            + "h1{font-size:1.3rem;margin-top:0}form,p{margin:.8rem 0}button{font:inherit;padding:.5rem 1.2rem;border:0;border-radius:6px;background:#b91c1c;color:#fff;cursor:pointer;max-width:100%}"
            + "button:disabled{background:#e4e4e7;color:#18181b;cursor:default}@media (max-width:30rem){main{margin:0;border-radius:0;padding:1.2rem}}</style></head>"
            + $"<body><main><h1>{Html(Title)}</h1><p>{Html(Message)}</p>{forms}</main></body></html>";
    }

    /// <summary>The five characters that matter encoded, the rest (« », é, ’) kept as they are: the page is UTF-8.</summary>
    private static string Html(string text) => new StringBuilder(text.Length + 16).Encode(text).ToString();

    /// <summary>"a•••@example.org": enough for the owner to recognise, not a gift to whoever holds the link.</summary>
    public static string Mask(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "•••" : email[0] + "•••" + email[at..];
    }
}
