namespace NewsMonitor.Digests;

/// <summary>
/// The signed links of one subscriber's digest: unsubscribe, change how often, and per term and article the
/// "stop alerts" and "not relevant" links. All are issued at the digest's claim time, so a resend carries the same links.
/// </summary>
public sealed class DigestLinks(ActionTokens tokens, string publicBaseUrl, string subscriberId, DateTimeOffset issuedAt)
{
    public string Unsubscribe => Url(SignedAction.Unsubscribe(subscriberId));

    public string ChangeCadence => Url(SignedAction.ChangeCadence(subscriberId));

    public string StopTerm(string termId) => Url(SignedAction.StopTerm(subscriberId, termId));

    public string NotRelevant(string termId, string articleId) => Url(SignedAction.NotRelevant(subscriberId, termId, articleId));

    private string Url(SignedAction action) => ActionTokens.UrlFor(publicBaseUrl, action.Action, tokens.Create(action, issuedAt));
}
