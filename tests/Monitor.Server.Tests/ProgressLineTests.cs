using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Pipeline;
using NewsMonitor.Server.Cli;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests;

/// <summary>run-once's progress line, fed the cycle's events on a fake clock: what a person sees while a cycle runs.</summary>
public sealed class ProgressLineTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly StringWriter terminal = new();
    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        terminal.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void On_a_terminal_one_line_is_redrawn_in_place_and_names_the_feed_the_cycle_waits_on()
    {
        using var line = new ProgressLine(terminal, clock, inPlace: true, width: 120);

        line.StageStarted(CycleStage.Polling, 300);
        line.FeedStarted("lemonde", "https://www.lemonde.fr/rss/une.xml");
        clock.Advance(TimeSpan.FromMilliseconds(200));
        line.FeedStarted("wire", "https://wire.example.com/feed");
        line.FeedFinished(new PollOutcome("wire", "https://wire.example.com/feed", PollStatus.NewItems, 20, 12_030, null));
        clock.Advance(TimeSpan.FromMilliseconds(200));
        line.FeedFinished(new PollOutcome("gone", "https://gone.example/feed", PollStatus.Failed, 0, 0, "404"));
        clock.Advance(TimeSpan.FromSeconds(7.6));

        Assert.Equal("polling 2/300 feeds · 1 failed · 12,030 new articles · waiting on www.lemonde.fr (8 s)", LastDrawn());
        Assert.DoesNotContain('\n', terminal.ToString());

        line.StageStarted(CycleStage.Matching, 0);
        line.ArticlesMatched(1_200);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("matching 1,200 articles against the watchlist · 12,030 new", LastDrawn());

        line.Clear();
        Assert.EndsWith("\r" + new string(' ', "matching 1,200 articles against the watchlist · 12,030 new".Length) + "\r", terminal.ToString());
        var cleared = terminal.ToString().Length;
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(cleared, terminal.ToString().Length);
    }

    [Fact]
    public void A_burst_of_events_redraws_at_most_ten_times_a_second()
    {
        using var line = new ProgressLine(terminal, clock, inPlace: true);
        line.StageStarted(CycleStage.Polling, 500);
        var afterStart = Redraws();

        // 500 feeds in one second: an event every 2 ms.
        for (var i = 0; i < 500; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(2));
            line.FeedStarted($"f{i}", $"https://f{i}.example/feed");
            line.FeedFinished(new PollOutcome($"f{i}", $"https://f{i}.example/feed", PollStatus.NothingNew, 1, 0, null));
        }

        // Ten a second from events, the once-a-second tick among them.
        Assert.InRange(Redraws() - afterStart, 9, 11);

        // What the throttle left undrawn shows at the next tick.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("polling 500/500 feeds · 0 failed · 0 new articles", LastDrawn());
        Assert.StartsWith("polling ", LastDrawn());
    }

    [Fact]
    public void A_line_too_wide_shortens_the_feed_name_and_a_shorter_one_blanks_out_what_is_left_of_it()
    {
        using var line = new ProgressLine(terminal, clock, inPlace: true, width: 80);
        line.StageStarted(CycleStage.Polling, 3);
        line.FeedStarted("slow", "https://very-slow-feed-of-a-long-name.example.org/rss");
        clock.Advance(TimeSpan.FromSeconds(3));
        var longLine = LastDrawn();
        line.StageStarted(CycleStage.Digests, 0);

        Assert.Equal("polling 0/3 feeds · 0 failed · 0 new articles · waiting on very-slow-fee… (3 s)", longLine);
        Assert.EndsWith("\rcomposing and sending digests" + new string(' ', longLine.Length - "composing and sending digests".Length), terminal.ToString());
    }

    [Fact]
    public void Elsewhere_it_is_a_plain_line_every_ten_seconds_and_nothing_on_events()
    {
        using var line = new ProgressLine(terminal, clock, inPlace: false);
        line.StageStarted(CycleStage.Polling, 2);
        line.FeedStarted("a", "https://a.example/feed");
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("", terminal.ToString());

        clock.Advance(TimeSpan.FromSeconds(1));
        line.Clear();

        Assert.Equal($"progress: polling 0/2 feeds · 0 failed · 0 new articles · waiting on a.example (10 s){Environment.NewLine}", terminal.ToString());
    }

    [Fact]
    public async Task The_progress_options_are_known_and_contradicting_them_is_refused()
    {
        var data = temp.Combine("data");
        var (quiet, _, none) = await Cli.RunAsync("run-once", "--no-progress", "--data", data, "--outbox", temp.Combine("outbox"), "--feeds", Opml());
        var (both, _, contradiction) = await Cli.RunAsync("run-once", "--progress", "--no-progress", "--data", data);
        var (misspelt, _, nearest) = await Cli.RunAsync("run-once", "--progres", "--data", data);

        Assert.Equal(0, quiet);
        Assert.DoesNotContain("polling", none);
        Assert.Equal(2, both);
        Assert.Equal("error: --progress and --no-progress contradict each other: give one", contradiction.Trim());
        Assert.Equal(2, misspelt);
        Assert.Contains("(did you mean --progress?)", nearest);
    }

    private string Opml() => temp.Write("empty.opml", """<?xml version="1.0"?><opml version="2.0"><head/><body></body></opml>""");

    private string LastDrawn()
    {
        var text = terminal.ToString();
        return text[(text.LastIndexOf('\r') + 1)..].TrimEnd(' ');
    }

    private int Redraws() => terminal.ToString().Count(c => c == '\r');
}
