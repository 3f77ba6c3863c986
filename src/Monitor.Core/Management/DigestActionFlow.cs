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
        return link.Refused ?? link.Action.Action switch
        {
            DigestAction.StopTerm => await ConfirmStopTermAsync(link, token!, ct),
            DigestAction.ChangeCadence => CadenceChoices(link, token!, 200, link.Words.CadenceTitle, link.Words.CadenceAsk(Email(link), Schedule(link.Subscriber))),
            _ => await ConfirmNotRelevantAsync(link, token!, ct),
        };
    }

    /// <param name="choice">For a cadence link: the cadence chosen ("immediate", "hourly" or "daily").</param>
    public async Task<ActionAnswer> ApplyAsync(string? token, string? choice, CancellationToken ct)
    {
        var link = await SignedLinks.ResolveAsync(tokens, subscribers, token, unsubscribe: false, ct);
        return link.Refused ?? link.Action.Action switch
        {
            DigestAction.StopTerm => await StopTermAsync(link, ct),
            DigestAction.ChangeCadence => await ChangeCadenceAsync(link, token!, choice, ct),
            _ => await RecordNotRelevantAsync(link, ct),
        };
    }

    private async Task<ActionAnswer> ConfirmStopTermAsync(ResolvedLink link, string token, CancellationToken ct)
    {
        var (nothingToDo, term) = await TermToStopAsync(link, ct);
        if (nothingToDo is not null)
        {
            return nothingToDo;
        }

        var words = link.Words;
        var stop = new AnswerButton(words.StopTermButton(term!.Name), SignedLinks.SameLink(token));
        return (await RemainingAfterAsync(link.Subscriber, term.Id, ct)).Count == 0
            ? Answer(link, 200, words.StopTermTitle(term.Name), words.StopLastTermAsk(Email(link), term.Name)) with { Buttons = [stop, UnsubscribeButton(link)] }
            : Answer(link, 200, words.StopTermTitle(term.Name), words.StopTermAsk(Email(link), term.Name)) with { Buttons = [stop] };
    }

    private async Task<ActionAnswer> StopTermAsync(ResolvedLink link, CancellationToken ct)
    {
        var (nothingToDo, term) = await TermToStopAsync(link, ct);
        if (nothingToDo is not null)
        {
            return nothingToDo;
        }

        // Following every term becomes following every term of the watchlist as it is now, but this one.
        var words = link.Words;
        var remaining = await RemainingAfterAsync(link.Subscriber, term!.Id, ct);
        await subscribers.UpsertSubscriberAsync(link.Subscriber with { Terms = remaining }, ct);
        return remaining.Count > 0
            ? Answer(link, 200, words.TermStoppedTitle, words.TermStopped(Email(link), term.Name))
            : Answer(link, 200, words.TermStoppedTitle, words.LastTermStopped(Email(link), term.Name)) with { Buttons = [UnsubscribeButton(link)] };
    }

    /// <summary>The term a stop link names, or the answer when there is nothing to stop: the term was removed, or is stopped already.</summary>
    private async Task<(ActionAnswer? NothingToDo, WatchTerm? Term)> TermToStopAsync(ResolvedLink link, CancellationToken ct)
    {
        if (await terms.GetTermAsync(link.Action.TermId, ct) is not { } term)
        {
            return (TermRemoved(link), null);
        }

        return link.Subscriber.Follows(term.Id)
            ? (null, term)
            : (Answer(link, 200, link.Words.AlreadyStoppedTitle, link.Words.AlreadyStopped(Email(link), term.Name)), term);
    }

    /// <summary>The terms the subscriber follows once <paramref name="termId"/> is stopped, in watchlist order; ids no longer on the watchlist are dropped.</summary>
    private async Task<List<string>> RemainingAfterAsync(Subscriber subscriber, string termId, CancellationToken ct) =>
        (await terms.ListTermsAsync(ct)).Select(t => t.Id).Where(id => id != termId && subscriber.Follows(id)).ToList();

    private async Task<ActionAnswer> ChangeCadenceAsync(ResolvedLink link, string token, string? choice, CancellationToken ct)
    {
        var (subscriber, words) = (link.Subscriber, link.Words);
        if (!Enum.TryParse<Cadence>(choice, ignoreCase: true, out var cadence) || !Choices.Contains(cadence) || int.TryParse(choice, out _))
        {
            var names = string.Join(", ", Choices.Select(c => c.ToString().ToLowerInvariant()));
            return CadenceChoices(link, token, 400, words.CadenceInvalidTitle, words.CadenceInvalid(names));
        }

        if (subscriber.Cadence == cadence)
        {
            return Answer(link, 200, words.CadenceUnchangedTitle, words.CadenceUnchanged(Email(link), Schedule(subscriber)));
        }

        var changed = subscriber with { Cadence = cadence };
        await subscribers.UpsertSubscriberAsync(changed, ct);
        return Answer(link, 200, words.CadenceChangedTitle, words.CadenceChanged(Email(link), Schedule(changed)));
    }

    /// <summary>The page of a cadence link: a button per choice, the current cadence shown but not clickable.</summary>
    private static ActionAnswer CadenceChoices(ResolvedLink link, string token, int status, string title, string message)
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
                    : new AnswerButton(label, $"{SignedLinks.SameLink(token)}&cadence={WebUtility.UrlEncode(cadence.ToString().ToLowerInvariant())}");
            })],
        };
    }

    private async Task<ActionAnswer> ConfirmNotRelevantAsync(ResolvedLink link, string token, CancellationToken ct)
    {
        var (refused, term, article) = await ReportedAsync(link, ct);
        return refused ?? Answer(link, 200, link.Words.NotRelevantTitle, link.Words.NotRelevantAsk(article!.Title, term!.Name)) with
        {
            Buttons = [new AnswerButton(link.Words.NotRelevantButton, SignedLinks.SameLink(token))],
        };
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

    /// <summary>A fresh unsubscribe link (from the actions route to its sibling), offered when the last term is stopped.</summary>
    private AnswerButton UnsubscribeButton(ResolvedLink link) =>
        new(link.Words.UnsubscribeButton, "unsubscribe" + SignedLinks.SameLink(tokens.Create(SignedAction.Unsubscribe(link.Subscriber.Id))));

    private static string Email(ResolvedLink link) => ActionAnswer.Mask(link.Subscriber.Email);

    private static string Schedule(Subscriber subscriber) => DigestWording.For(subscriber).Schedule(subscriber);

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static ActionAnswer TermRemoved(ResolvedLink link) =>
        Answer(link, 404, link.Words.TermRemovedTitle, link.Words.TermRemoved(link.Action.TermId));

    private static ActionAnswer Answer(ResolvedLink link, int status, string title, string message) =>
        new(status, title, message, link.Subscriber.Id, link.Words.Language);
}
