using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

/// <summary>A later article of a story the subscriber was already sent (same story key) is not sent as new.</summary>
public sealed class OneStoryOnceTests
{
    private static readonly DateTimeOffset Monday0830Paris = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    private static Subscriber Immediate(string id = "ana") =>
        new() { Id = id, Email = $"{id}@example.org", Cadence = Cadence.Immediate, TimeZone = "Europe/Paris" };

    [Fact]
    public async Task The_syndicated_copy_of_a_story_already_alerted_is_left_out_and_other_stories_still_go()
    {
        using var host = new DigestTestHost(Monday0830Paris);
        await host.AddSubscriberAsync(Immediate());
        var outlet = DigestTestHost.Article("le-monde-1", "Mistral AI lève 600 millions", Monday0830Paris, source: "Le Monde", storyKey: "story-mistral");
        await host.AddMatchAsync("ana", outlet, "mistral");
        var first = await host.Handler.SendForAsync("ana", default);

        // Seven minutes later the agency copy of the same story arrives, with another story.
        host.Clock.Advance(TimeSpan.FromMinutes(7));
        var copy = DigestTestHost.Article("afp-1", "Mistral AI lève 600 millions d'euros", host.Clock.GetUtcNow(), source: "AFP", storyKey: "story-mistral");
        await host.AddMatchAsync("ana", copy, "mistral");
        var repeat = await host.Handler.SendForAsync("ana", default);
        var other = DigestTestHost.Article("afp-2", "Le AI Act entre en vigueur", host.Clock.GetUtcNow(), source: "AFP", storyKey: "story-aiact");
        await host.AddMatchAsync("ana", copy, "aiact");
        await host.AddMatchAsync("ana", other, "aiact");
        var next = await host.Handler.SendForAsync("ana", default);

        Assert.Equal(DigestOutcomeStatus.Sent, first.Status);
        Assert.Equal((DigestOutcomeStatus.NothingNew, 1), (repeat.Status, repeat.RepeatsLeftOut));
        Assert.Equal("nothing undelivered (1 later article of a story already sent left out)", repeat.Summary);
        Assert.Equal((DigestOutcomeStatus.Sent, 1), (next.Status, next.Articles));
        Assert.Equal(2, host.Recorded.Sent.Count);
        var second = host.Recorded.Sent.Last();
        Assert.Contains("news.example/afp-2", second.TextBody);
        Assert.DoesNotContain("news.example/afp-1", second.TextBody);
        Assert.Equal(0, await host.PendingCountAsync("ana"));
    }
}
