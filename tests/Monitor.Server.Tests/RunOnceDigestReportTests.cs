using NewsMonitor.Server.Cli;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests;

/// <summary>
/// run-once says, for every subscriber with something waiting, what became of it: sent, deferred for quiet hours,
/// not due until the next period, waiting for the retry of a failed send, or failed (exit code 3).
/// </summary>
public sealed partial class RunOnceEndToEndTests
{
    // The clock starts at 10:00 UTC, 11:00 in Paris.
    private const string QuietAnaAndDailyBob = """
        {
          "subscribers": [
            { "id": "ana", "email": "ana@example.org", "terms": ["aiact", "mistral"], "cadence": "immediate", "timeZone": "Europe/Paris",
              "quietHours": { "from": "11:00", "until": "12:30" } },
            { "id": "bob", "email": "bob@example.org", "terms": ["commission"], "cadence": "daily", "at": "08:00", "timeZone": "Europe/Paris" }
          ]
        }
        """;

    [Fact]
    public async Task Quiet_hours_and_a_daily_digest_already_sent_are_said_with_when_the_articles_go()
    {
        subscribersFile = temp.Write("quiet.json", QuietAnaAndDailyBob);

        var (firstExit, first) = await RunOnceAsync();
        server.Serve("fr.xml", WithItemFirst(File.ReadAllText(Fixture("fr.xml")), NewCommissionItem));
        clock.Advance(TimeSpan.FromHours(1));
        var (secondExit, second) = await RunOnceAsync();
        clock.Advance(TimeSpan.FromMinutes(31));
        var (_, third) = await RunOnceAsync();

        Assert.True(firstExit == 0, first);
        Assert.Contains("  bob (daily digest): sent 1 article", first);
        Assert.Contains("  ana (immediate alert): deferred for quiet hours: 4 articles waiting until 2026-11-23 12:30 Europe/Paris (11:30 UTC)", first);
        Assert.DoesNotContain("ana (immediate alert): sent", first);

        Assert.True(secondExit == 0, second);
        Assert.Contains("  bob (daily digest): not due yet: 1 article waiting; next digest due 2026-11-24 08:00 Europe/Paris (07:00 UTC)", second);
        Assert.Contains("  ana (immediate alert): deferred for quiet hours: 4 articles waiting until 2026-11-23 12:30 Europe/Paris (11:30 UTC)", second);

        Assert.Contains("  ana (immediate alert): sent 4 articles", third);
        Assert.Contains("  bob (daily digest): not due yet: 1 article waiting; next digest due 2026-11-24 08:00 Europe/Paris (07:00 UTC)", third);
    }

    [Fact]
    public async Task Subscribers_with_nothing_waiting_are_one_line()
    {
        await RunOnceAsync();

        clock.Advance(TimeSpan.FromMinutes(1));
        var (exit, output) = await RunOnceAsync();

        Assert.True(exit == 0, output);
        Assert.Contains("messages: 0 written", output);
        Assert.Contains("  nothing waiting for 2 subscribers", output);
        Assert.DoesNotContain("ana (", output);
        Assert.DoesNotContain("bob (", output);
    }

    [Fact]
    public async Task A_failed_send_is_failed_then_waiting_for_its_retry_then_tried_again_after_the_lease()
    {
        await using var relay = new RejectingSmtpServer();
        string[] smtp = ["--Delivery:Sender=smtp", $"--Delivery:Smtp:Host={relay.Host}", $"--Delivery:Smtp:Port={relay.Port}", "--Delivery:Smtp:Security=None"];
        var why = $"SMTP {relay.Host}:{relay.Port}: send failed: the server answered 554: 5.7.1 Message rejected by policy";

        var (failedExit, failed) = await RunOnceAsync(smtp);
        clock.Advance(TimeSpan.FromMinutes(2));
        var (waitingExit, waiting) = await RunOnceAsync(smtp);
        var refusedWhileWaiting = relay.Refused;
        clock.Advance(TimeSpan.FromMinutes(9));
        var (retriedExit, retried) = await RunOnceAsync(smtp);

        Assert.True(failedExit == RunOnceCommand.SomeDigestFailed, failed);
        Assert.Contains($"  ana (immediate alert): failed: {why}; next try 2026-11-23 10:10 UTC", failed);
        Assert.Contains($"  bob (daily digest): failed: {why}; next try 2026-11-23 10:10 UTC", failed);

        Assert.True(waitingExit == 0, waiting);
        Assert.Contains("messages: 0 written via smtp", waiting);
        Assert.Contains($"  ana (immediate alert): waiting for retry after a failed send: {why}; next try 2026-11-23 10:10 UTC", waiting);
        Assert.Contains($"  bob (daily digest): waiting for retry after a failed send: {why}; next try 2026-11-23 10:10 UTC", waiting);
        Assert.Equal(2, refusedWhileWaiting);

        Assert.True(retriedExit == RunOnceCommand.SomeDigestFailed, retried);
        Assert.Contains($"  ana (immediate alert): failed: {why}; next try 2026-11-23 10:21 UTC", retried);
        Assert.Equal(4, relay.Refused);
    }

    private static string WithItemFirst(string rss, string item)
    {
        var at = rss.IndexOf("<item>", StringComparison.Ordinal);
        return rss[..at] + item + rss[at..];
    }

    private const string NewCommissionItem = """
        <item>
          <title>La Commission européenne enquête sur les prix du cloud</title>
          <link>https://gazette.example.fr/2026/11/commission-cloud</link>
          <description>Une consultation est ouverte.</description>
          <pubDate>Mon, 23 Nov 2026 10:30:00 +0100</pubDate>
        </item>
        """;
}
