using System.Globalization;

namespace NewsMonitor.Pipeline;

/// <summary>A digest outcome in one line: what was sent, or why nothing was and when the next try or digest is.</summary>
public static class DigestOutcomeText
{
    public static string Describe(DigestOutcome outcome)
    {
        var next = outcome.NextAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : null;
        var repeats = outcome.RepeatsLeftOut switch
        {
            0 => "",
            1 => " (1 later article of a story already sent left out)",
            var n => $" ({n} later articles of stories already sent left out)",
        };
        return outcome.Status switch
        {
            DigestOutcomeStatus.Sent => (outcome.Articles == 1 ? "sent 1 article" : $"sent {outcome.Articles} articles") + repeats,
            DigestOutcomeStatus.NothingNew => "nothing undelivered" + repeats + (next is null ? "" : $"; next digest due {next}"),
            DigestOutcomeStatus.AlreadySent => "already sent for this period" + (next is null ? "" : $"; next digest due {next}"),
            DigestOutcomeStatus.Failed => $"failed: {outcome.Error}" + (next is null ? "" : $"; next try {next}"),
            DigestOutcomeStatus.InProgress => $"waiting: {outcome.Error}" + (next is null ? "" : $" (next try {next})"),
            DigestOutcomeStatus.Deferred => $"deferred: {outcome.Error}",
            _ => $"not sent: {outcome.Error}",
        };
    }
}
