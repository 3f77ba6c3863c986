using System.Globalization;
using NewsMonitor.Digests;

namespace NewsMonitor.Pipeline;

/// <summary>
/// A digest outcome in one line: what was sent, or why nothing was and when the next try or digest is. The page's
/// answer to "send now" and run-once's report both say it this way, so they never disagree.
/// </summary>
public static class DigestOutcomeText
{
    public static string Describe(DigestOutcome outcome)
    {
        // A retry is the operator's business (UTC); when a subscriber's digest goes is said in their own time too.
        var retry = outcome.NextAt is { } at ? Utc(at) : null;
        var due = outcome.NextAt is { } when ? SubscriberTime(when, outcome.TimeZone) : null;
        var repeats = outcome.RepeatsLeftOut switch
        {
            0 => "",
            1 => " (1 later article of a story already sent left out)",
            var n => $" ({n} later articles of stories already sent left out)",
        };
        return outcome.Status switch
        {
            DigestOutcomeStatus.Sent => "sent " + Articles(outcome.Articles) + repeats,
            DigestOutcomeStatus.NothingNew => "nothing undelivered" + repeats + (due is null ? "" : $"; next digest due {due}"),
            DigestOutcomeStatus.AlreadySent => "already sent for this period" + (due is null ? "" : $"; next digest due {due}"),
            DigestOutcomeStatus.NotDue when outcome.Articles > 0 => $"not due yet: {Articles(outcome.Articles)} waiting" + (due is null ? "" : $"; next digest due {due}"),
            DigestOutcomeStatus.Deferred => $"deferred for {outcome.Error}: {Articles(outcome.Articles)} waiting" + (due is null ? "" : $" until {due}"),
            DigestOutcomeStatus.WaitingForRetry => $"waiting for retry after a failed send: {outcome.Error}" + (retry is null ? "" : $"; next try {retry}"),
            DigestOutcomeStatus.Failed => $"failed: {outcome.Error}" + (retry is null ? "" : $"; next try {retry}"),
            DigestOutcomeStatus.InProgress => $"waiting: {outcome.Error}" + (retry is null ? "" : $" (next try {retry})"),
            _ => $"not sent: {outcome.Error}",
        };
    }

    private static string Articles(int count) => count == 1 ? "1 article" : $"{count} articles";

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"2026-11-24 07:00 Europe/Paris (06:00 UTC)"; UTC alone for a zone that is UTC at that moment or unknown.</summary>
    private static string SubscriberTime(DateTimeOffset at, string? zone)
    {
        if (zone is null || !TimeZones.IsValid(zone))
        {
            return Utc(at);
        }

        var local = TimeZoneInfo.ConvertTime(at, TimeZones.Find(zone));
        if (local.Offset == TimeSpan.Zero)
        {
            return Utc(at);
        }

        var utc = at.UtcDateTime;
        var utcPart = utc.Date == local.Date ? utc.ToString("HH:mm", CultureInfo.InvariantCulture) : Utc(at)[..^4];
        return string.Create(CultureInfo.InvariantCulture, $"{local:yyyy-MM-dd HH:mm} {zone} ({utcPart} UTC)");
    }
}
