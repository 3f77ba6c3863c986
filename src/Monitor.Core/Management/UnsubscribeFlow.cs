using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>
/// The unsubscribe link of every digest: GET asks to confirm (mail scanners follow links, so a GET changes
/// nothing), POST unsubscribes, which is also what one-click unsubscribe (RFC 8058) sends. Anonymous: the
/// signed token is the authority, for one subscriber, until it expires. Tokens of the other links are refused here.
/// </summary>
public sealed class UnsubscribeFlow(ActionTokens tokens, ISubscriberStore subscribers)
{
    public async Task<ActionAnswer> ConfirmAsync(string? token, CancellationToken ct)
    {
        var link = await SignedLinks.ResolveAsync(tokens, subscribers, token, unsubscribe: true, ct);
        if (link.Refused is { } refused)
        {
            return refused;
        }

        var (subscriber, words) = (link.Subscriber, link.Words);
        return subscriber.State == SubscriberState.Unsubscribed
            ? Already(subscriber, words)
            : new ActionAnswer(200, words.UnsubscribeTitle, words.UnsubscribeAsk(ActionAnswer.Mask(subscriber.Email)), subscriber.Id, words.Language)
            {
                Buttons = [new AnswerButton(words.UnsubscribeButton, SignedLinks.SameLink(token!))],
            };
    }

    public async Task<ActionAnswer> UnsubscribeAsync(string? token, CancellationToken ct)
    {
        var link = await SignedLinks.ResolveAsync(tokens, subscribers, token, unsubscribe: true, ct);
        if (link.Refused is { } refused)
        {
            return refused;
        }

        var (subscriber, words) = (link.Subscriber, link.Words);
        if (subscriber.State == SubscriberState.Unsubscribed)
        {
            return Already(subscriber, words);
        }

        await subscribers.UpsertSubscriberAsync(subscriber with { State = SubscriberState.Unsubscribed }, ct);
        return new ActionAnswer(200, words.UnsubscribedTitle, words.Unsubscribed(ActionAnswer.Mask(subscriber.Email)), subscriber.Id, words.Language);
    }

    private static ActionAnswer Already(Subscriber subscriber, ActionWording words) =>
        new(200, words.AlreadyUnsubscribedTitle, words.AlreadyUnsubscribed(ActionAnswer.Mask(subscriber.Email)), subscriber.Id, words.Language);
}
