using System.Net;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>A link's token read: the subscriber it acts for and their wording, or the 4xx answer that refuses it.</summary>
internal sealed record ResolvedLink(ActionAnswer? Refused, SignedAction Action, Subscriber Subscriber, ActionWording Words);

/// <summary>What every signed link checks first: a valid, unexpired token for an action this route does, and a known subscriber.</summary>
internal static class SignedLinks
{
    public static async Task<ResolvedLink> ResolveAsync(
        ActionTokens tokens, ISubscriberStore subscribers, string? token, bool unsubscribe, CancellationToken ct)
    {
        var nobody = new Subscriber { Id = "", Email = "" };
        if (!tokens.TryValidate(token, out var action) || (action.Action == DigestAction.Unsubscribe) != unsubscribe)
        {
            var refused = new ActionAnswer(400, ActionWording.InvalidTitle, ActionWording.InvalidMessage(unsubscribe), null, "en");
            return new ResolvedLink(refused, action, nobody, ActionWording.English);
        }

        if (await subscribers.GetSubscriberAsync(action.SubscriberId, ct) is not { } subscriber)
        {
            var words = ActionWording.English;
            return new ResolvedLink(new ActionAnswer(404, words.NotSubscribedTitle, words.NotSubscribed, action.SubscriberId, words.Language), action, nobody, words);
        }

        return new ResolvedLink(null, action, subscriber, ActionWording.For(DigestWording.LanguageOf(subscriber)));
    }

    /// <summary>A form target that posts <paramref name="token"/> to the page's own route (relative to it).</summary>
    public static string SameLink(string token) => $"?token={WebUtility.UrlEncode(token)}";
}
