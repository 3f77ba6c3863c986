using System.Globalization;
using NewsMonitor.Pipeline;

namespace NewsMonitor.Server.Cli;

/// <summary>
/// run-once's progress: "polling 143/300 feeds · 2 failed · 12,030 new articles · waiting on lemonde.fr (8 s)".
/// On a terminal it is one line redrawn in place (carriage return), at most <see cref="MaxRedrawsPerSecond"/> times a
/// second on events and once a second by a timer, so a feed that hangs is seen counting up; elsewhere (a log, a pipe)
/// it is a plain line every <see cref="PlainInterval"/>. A timer of the given <see cref="TimeProvider"/> does the
/// ticking: no thread spins, and a test drives it with a fake clock.
/// </summary>
public sealed class ProgressLine : ICycleProgress, IDisposable
{
    public const int MaxRedrawsPerSecond = 10;

    /// <summary>How often the plain (not in-place) form writes a line.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    /// <summary>A feed fetching for this long is named as the one the cycle waits on.</summary>
    public static readonly TimeSpan SlowFeed = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MinRedraw = TimeSpan.FromSeconds(1.0 / MaxRedrawsPerSecond);

    private readonly Lock gate = new();
    private readonly TextWriter writer;
    private readonly TimeProvider time;
    private readonly bool inPlace;
    private readonly int width;
    private readonly ITimer timer;
    private readonly Dictionary<string, (string Host, DateTimeOffset Since)> fetching = new(StringComparer.Ordinal);
    private CycleStage stage = CycleStage.Polling;
    private int total;
    private int done;
    private int failed;
    private int newArticles;
    private int matched;
    private DateTimeOffset lastDraw = DateTimeOffset.MinValue;
    private string drawn = "";
    private bool stopped;

    /// <param name="inPlace">true on a terminal: one line redrawn with carriage returns; false: a plain line every <see cref="PlainInterval"/>.</param>
    /// <param name="width">the terminal's width: a longer line would wrap and could not be redrawn in place.</param>
    public ProgressLine(TextWriter writer, TimeProvider time, bool inPlace, int width = 80)
    {
        this.writer = writer;
        this.time = time;
        this.inPlace = inPlace;
        this.width = Math.Max(20, width);
        var period = inPlace ? TimeSpan.FromSeconds(1) : PlainInterval;
        timer = time.CreateTimer(_ => Tick(), null, period, period);
    }

    public void StageStarted(CycleStage stage, int total)
    {
        lock (gate)
        {
            this.stage = stage;
            if (stage == CycleStage.Polling)
            {
                this.total = total;
            }

            fetching.Clear();
            Redraw(force: true);
        }
    }

    public void FeedStarted(string feedId, string url)
    {
        lock (gate)
        {
            fetching[feedId] = (HostOf(url), time.GetUtcNow());
            Redraw(force: false);
        }
    }

    public void FeedFinished(PollOutcome outcome)
    {
        lock (gate)
        {
            fetching.Remove(outcome.FeedId);
            done++;
            failed += outcome.Status == PollStatus.Failed ? 1 : 0;
            newArticles += outcome.NewArticles;
            Redraw(force: false);
        }
    }

    public void ArticlesMatched(int articles)
    {
        lock (gate)
        {
            matched += articles;
            Redraw(force: false);
        }
    }

    /// <summary>The line as it stands now.</summary>
    public string Describe()
    {
        lock (gate)
        {
            return Text(time.GetUtcNow());
        }
    }

    /// <summary>Stops the ticking and, on a terminal, wipes the line so the report starts on a clean one.</summary>
    public void Clear()
    {
        lock (gate)
        {
            stopped = true;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (inPlace && drawn.Length > 0)
            {
                writer.Write("\r" + new string(' ', drawn.Length) + "\r");
                writer.Flush();
                drawn = "";
            }
        }
    }

    public void Dispose()
    {
        Clear();
        timer.Dispose();
    }

    private void Tick()
    {
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            if (inPlace)
            {
                Redraw(force: true);
            }
            else
            {
                writer.WriteLine("progress: " + Text(time.GetUtcNow()));
                writer.Flush();
            }
        }
    }

    /// <summary>Events redraw at most every 1/<see cref="MaxRedrawsPerSecond"/> s; stage changes and ticks always.</summary>
    private void Redraw(bool force)
    {
        var now = time.GetUtcNow();
        if (!inPlace || stopped || (!force && now - lastDraw < MinRedraw))
        {
            return;
        }

        var text = Fit(Text(now));
        lastDraw = now;
        if (text == drawn)
        {
            return;
        }

        // Spaces over what is left of a longer previous line.
        writer.Write("\r" + text.PadRight(drawn.Length));
        writer.Flush();
        drawn = text;
    }

    /// <summary>
    /// Within the terminal's width (a wrapped line cannot be redrawn in place): the feed's name gives way first, so
    /// how long the cycle has waited stays in view.
    /// </summary>
    private string Fit(string text)
    {
        var room = width - 1;
        if (text.Length <= room)
        {
            return text;
        }

        var waiting = text.IndexOf(WaitingOn, StringComparison.Ordinal);
        var seconds = text.LastIndexOf(" (", StringComparison.Ordinal);
        if (waiting > 0 && seconds > waiting)
        {
            var hostRoom = room - (text.Length - (seconds - waiting - WaitingOn.Length));
            if (hostRoom >= 8)
            {
                var host = text[(waiting + WaitingOn.Length)..seconds];
                return text[..(waiting + WaitingOn.Length)] + host[..(hostRoom - 1)] + "…" + text[seconds..];
            }
        }

        return text[..(room - 1)] + "…";
    }

    private const string WaitingOn = " · waiting on ";

    private string Text(DateTimeOffset now) => stage switch
    {
        CycleStage.Polling => PollingText(now),
        CycleStage.Matching => string.Create(CultureInfo.InvariantCulture, $"matching {matched:N0} articles against the watchlist · {newArticles:N0} new"),
        _ => "composing and sending digests",
    };

    private string PollingText(DateTimeOffset now)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"polling {done}/{Math.Max(total, done + fetching.Count)} feeds · {failed} failed · {newArticles:N0} new {(newArticles == 1 ? "article" : "articles")}");
        if (fetching.Count > 0)
        {
            var (host, since) = fetching.Values.MinBy(f => f.Since);
            var waited = now - since;
            if (waited >= SlowFeed)
            {
                line += string.Create(CultureInfo.InvariantCulture, $"{WaitingOn}{host} ({(int)waited.TotalSeconds} s)");
            }
        }

        return line;
    }

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.IsDefaultPort ? uri.Host : uri.Authority) : url;
}
