using NewsMonitor.Digests;

namespace NewsMonitor.Management;

/// <summary>The digest a subscriber would get next, rendered as it would be sent.</summary>
public sealed record DigestPreview(string SubscriberId, string Subject, int Articles, string Html, string Text);

/// <summary>
/// The API's view of <see cref="Digests.DigestPreviewer"/>: looking never claims, sends or marks anything,
/// and an unknown subscriber is a 404.
/// </summary>
public sealed class DigestPreviewer(Digests.DigestPreviewer previewer)
{
    public async Task<DigestPreview> PreviewAsync(string subscriberId, CancellationToken ct)
    {
        var preview = await previewer.PreviewAsync(subscriberId, ct)
            ?? throw new ApiProblemException(ApiProblem.NotFound("subscriber", subscriberId));
        static DigestPreview Empty(string id, string sentence) => new(id, sentence.TrimEnd('.'), 0, $"<p>{sentence}</p>", sentence);

        return preview.Message is { } message
            ? new DigestPreview(subscriberId, message.Subject, preview.Stories, message.HtmlBody, message.TextBody)
            : Empty(subscriberId, preview.EverSent ? "Nothing new since the last digest." : "Nothing matched yet.");
    }
}
