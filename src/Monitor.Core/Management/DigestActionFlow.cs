using System.Net;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>
/// The links of a digest other than unsubscribe: stop one term, change how often, mark an article not relevant.
/// GET (<see cref="ConfirmAsync"/>) shows what the link would do and changes nothing; POST (<see cref="ApplyAsync"/>)
/// does it. Each is idempotent: done twice, it says it was done already. Anonymous: the signed token names the
/// subscriber, and the term and article, and nothing else can be acted on with it.
/// </summary>
public sealed class DigestActionFlow(
    ActionTokens tokens, ISubscriberStore subscribers, ITermStore terms, IArticleStore articles, IFeedbackStore feedback, TimeProvider time)
{
    /// <summary>The cadences a link offers; weekly is kept by whoever has it but set from the page or the API.</summary>
    public static readonly IReadOnlyList<Cadence> Choices = [Cadence.Immediate, Cadence.Hourly, Cadence.Daily];

    public async Task<ActionAnswer> ConfirmAsync(string? token, CancellationToken ct)
    {
        var link = await SignedLinks.ResolveAsync(tokens, subscribers, token, unsubscribe: false, ct);
        if (link.Refused is { } refused)
        {
            return refused;
        }

        var (subscriber, words, email) = (link.Subscriber, link.Words, ActionAnswer.Mask(link.Subscriber.Email));
        switch (link.Action.Action)
        {
            case DigestAction.StopTerm:
                if (await terms.GetTermAsync(link.Action.TermId, ct) is not { } term)
                {
                    return TermRemoved(link);
                }

                if (!subscriber.Follows(term.Id))
                {
                    return Answer(link, 200, words.AlreadyStoppedTitle, words.AlreadyStopped(email, term.Name));
                }

                var last = (await RemainingAfterAsync(subscriber, term.Id, ct)).Count == 0;
                return Answer(link, 200, words.StopTermTitle(term.Name), last ? words.StopLastTermAsk(email, term.Name) : words.StopTermAsk(email, term.Name)) with
                {
                    Buttons = last
                        ? [new AnswerButton(words.StopTermButton(term.Name), UnsubscribeFlow.SameLink(token!)), UnsubscribeButton(link)]
                        : [new AnswerButton(words.StopTermButton(term.Name), UnsubscribeFlow.SameLink(token!))],
                };

            case DigestAction.ChangeCadence:
                return CadenceChoices(link, token!, 200, words.CadenceTitle, words.CadenceAsk(email, Schedule(subscriber)));

            default:
                var (refusedReport, reportedTerm, article) = await ReportedAsync(link, ct);
                return refusedReport ?? Answer(link, 200, words.NotRelevantTitle, words.NotRelevantAsk(article!.Title, reportedTerm!.Name)) with
                {
                    Buttons = [new AnswerButton(words.NotRelevantButton, UnsubscribeFlow.SameLink(token!))],
                };
        }
    }

    /// <param name="choice">For a cadence link: the cadence chosen ("immediate", "hourly" or "daily").</param>
    public async Task<ActionAnswer> ApplyAsync(string? token, string? choice, CancellationToken ct)
    {
        var link = await SignedLinks.ResolveAsync(tokens, subscribers, token, unsubscribe: false, ct);
        if (link.Refused is { } refused)
        {
            return refused;
        }

        return link.Action.Action switch
        {
            DigestAction.StopTerm => await StopTermAsync(link, ct),
            DigestAction.ChangeCadence => await ChangeCadenceAsync(link, token!, choice, ct),
            _ => await RecordNotRelevantAsync(link, ct),
        };
    }

    private async Task<ActionAnswer> StopTermAsync(ResolvedLink link, CancellationToken ct)
    {
        var (subscriber, words, email) = (link.Subscriber, link.Words, ActionAnswer.Mask(link.Subscriber.Email));
        if (await terms.GetTermAsync(link.Action.TermId, ct) is not { } term)
        {
            return TermRemoved(link);
        }

        if (!subscriber.Follows(term.Id))
        {
            return Answer(link, 200, words.AlreadyStoppedTitle, words.AlreadyStopped(email, term.Name));
        }

        // Following every term becomes following every term of the watchlist as it is now, but this one.
        var remaining = await RemainingAfterAsync(subscriber, term.Id, ct);
        await subscribers.UpsertSubscriberAsync(subscriber with { Terms = remaining }, ct);
        return remaining.Count > 0
            ? Answer(link, 200, words.TermStoppedTitle, words.TermStopped(email, term.Name))
            : Answer(link, 200, words.TermStoppedTitle, words.LastTermStopped(email, term.Name)) with { Buttons = [UnsubscribeButton(link)] };
    }

    private async Task<ActionAnswer> ChangeCadenceAsync(ResolvedLink link, string token, string? choice, CancellationToken ct)
    {
        var (subscriber, words, email) = (link.Subscriber, link.Words, ActionAnswer.Mask(link.Subscriber.Email));
        if (!Enum.TryParse<Cadence>(choice, ignoreCase: true, out var cadence) || !Choices.Contains(cadence) || int.TryParse(choice, out _))
        {
            var names = string.Join(", ", Choices.Select(c => c.ToString().ToLowerInvariant()));
            return CadenceChoices(link, token, 400, words.CadenceInvalidTitle, words.CadenceInvalid(names));
        }

        if (subscriber.Cadence == cadence)
        {
            return Answer(link, 200, words.CadenceUnchangedTitle, words.CadenceUnchanged(email, Schedule(subscriber)));
        }

        var changed = subscriber with { Cadence = cadence };
        await subscribers.UpsertSubscriberAsync(changed, ct);
        return Answer(link, 200, words.CadenceChangedTitle, words.CadenceChanged(email, Schedule(changed)));
    }

    private async Task<ActionAnswer> RecordNotRelevantAsync(ResolvedLink link, CancellationToken ct)
    {
        var (refused, term, article) = await ReportedAsync(link, ct);
        if (refused is not null)
        {
            return refused;
        }

        var words = link.Words;
        var report = new ArticleFeedback(link.Subscriber.Id, term!.Id, article!.Id, article.Url, article.Title, time.GetUtcNow());
        return await feedback.TryAddFeedbackAsync(report, ct)
            ? Answer(link, 200, words.RecordedTitle, words.Recorded(article.Title, term.Name))
            : Answer(link, 200, words.AlreadyRecordedTitle, words.AlreadyRecorded(article.Title, term.Name));
    }

    /// <summary>The term and article a "not relevant" link names, or the 404 that says which is gone.</summary>
    private async Task<(ActionAnswer? Refused, WatchTerm? Term, Article? Article)> ReportedAsync(ResolvedLink link, CancellationToken ct)
    {
        if (await terms.GetTermAsync(link.Action.TermId, ct) is not { } term)
        {
            return (TermRemoved(link), null, null);
        }

        return await articles.GetArticleAsync(link.Action.ArticleId, ct) is { } article
            ? (null, term, article with { Title = MailText.OneLine(article.Title) })
            : (Answer(link, 404, link.Words.ArticleGoneTitle, link.Words.ArticleGone), term, null);
    }

    /// <summary>The terms the subscriber follows once <paramref name="termId"/> is stopped, in watchlist order; ids no longer on the watchlist are dropped.</summary>
    private async Task<List<string>> RemainingAfterAsync(Subscriber subscriber, string termId, CancellationToken ct) =>
        (await terms.ListTermsAsync(ct)).Select(t => t.Id).Where(id => id != termId && subscriber.Follows(id)).ToList();

    private ActionAnswer CadenceChoices(ResolvedLink link, string token, int status, string title, string message)
    {
        var subscriber = link.Subscriber;
        var offered = Choices.Contains(subscriber.Cadence) ? Choices : [.. Choices, subscriber.Cadence];
        return Answer(link, status, title, message) with
        {
            Buttons = [.. offered.Select(cadence =>
            {
                var label = Capitalised(Schedule(subscriber with { Cadence = cadence }));
                return cadence == subscriber.Cadence
                    ? new AnswerButton(link.Words.Current(label), "", Current: true)
                    : new AnswerButton(label, $"{UnsubscribeFlow.SameLink(token)}&cadence={WebUtility.UrlEncode(cadence.ToString().ToLowerInvariant())}");
            })],
        };
    }

    /// <summary>A fresh unsubscribe link (from the actions route to its sibling), offered when the last term is stopped.</summary>
    private AnswerButton UnsubscribeButton(ResolvedLink link) =>
        new(link.Words.UnsubscribeButton, "unsubscribe" + UnsubscribeFlow.SameLink(tokens.Create(SignedAction.Unsubscribe(link.Subscriber.Id))));

    private static string Schedule(Subscriber subscriber) => DigestWording.For(subscriber).Schedule(subscriber);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static ActionAnswer TermRemoved(ResolvedLink link) =>
        Answer(link, 404, link.Words.TermRemovedTitle, link.Words.TermRemoved(link.Action.TermId));

    private static ActionAnswer Answer(ResolvedLink link, int status, string title, string message) =>
        new(status, title, message, link.Subscriber.Id, link.Words.Language);
}
