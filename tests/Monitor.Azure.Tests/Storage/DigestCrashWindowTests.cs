using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Azure;
using NewsMonitor.Azure.Tables;
using NewsMonitor.Delivery;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Storage.Sqlite;
using NewsMonitor.Testing;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.Storage;

/// <summary>
/// The crash window of exactly-once delivery, replayed on each store: the process fails after the relay accepted a
/// digest and before the send was recorded. The resend must be the same message (same Message-ID, same items,
/// same body) under the same key, whatever arrived or whatever hour it is meanwhile; newer matches wait for the next digest.
/// </summary>
public abstract class DigestCrashWindowTests : IAsyncLifetime
{
    private ServiceProvider services = null!;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));

    private KeepingSender Sender { get; } = new();

    private CrashingMatchStore Crash => (CrashingMatchStore)services.GetRequiredService<IMatchStore>();

    private SendDigestsHandler Handler => services.GetRequiredService<SendDigestsHandler>();

    private IDigestLog Log => services.GetRequiredService<IDigestLog>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(await SettingsAsync()).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock).AddSingleton<IEmailSender>(Sender);
        AddStore(collection, configuration);
        collection.AddSingleton<IMatchStore>(sp => new CrashingMatchStore((IMatchStore)ActivatorUtilities.CreateInstance(sp, MatchStoreType)));
        services = collection.AddNewsMonitor(configuration).BuildServiceProvider();
        foreach (var term in new[] { ("aiact", "AI Act"), ("mistral", "Mistral") })
        {
            await services.GetRequiredService<ITermStore>().UpsertTermAsync(new WatchTerm { Id = term.Item1, Name = term.Item2, Query = term.Item2 });
        }
    }

    public virtual async Task DisposeAsync() => await services.DisposeAsync();

    protected abstract Task<IDictionary<string, string?>> SettingsAsync();

    protected abstract Type MatchStoreType { get; }

    protected virtual void AddStore(IServiceCollection collection, IConfiguration configuration)
    {
    }

    [Fact]
    public async Task A_resend_after_a_crash_between_acceptance_and_record_carries_exactly_what_was_claimed()
    {
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.Zero)); // after the daily 08:00 in Paris
        await AddSubscriberAsync(Cadence.Daily);
        await AddMatchAsync("a1", "aiact");
        await AddMatchAsync("a2", "mistral");

        Crash.Armed = true;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Handler.SendDueAsync(default));
        var first = Assert.Single(Sender.Accepted);
        Clock.Advance(SendDigestsHandler.ClaimLease + TimeSpan.FromSeconds(1));
        await AddMatchAsync("a3", "aiact");
        var resent = Assert.Single(await Handler.SendDueAsync(default));

        Assert.Equal((DigestOutcomeStatus.Sent, "d-2026-11-23"), (resent.Status, resent.Period));
        AssertSameMessage(first, Sender.Accepted[1]);
        Assert.DoesNotContain("news.example/a3", Sender.Accepted[1].TextBody);
        Assert.Equal(DigestStatus.Sent, (await Log.GetDigestAsync("ana", "d-2026-11-23"))!.Status);
        Assert.Equal(["a3"], (await services.GetRequiredService<IMatchStore>().ListPendingAsync("ana")).Select(p => p.ArticleId));

        Clock.Advance(TimeSpan.FromDays(1));
        var next = Assert.Single(await Handler.SendDueAsync(default));

        Assert.Equal((DigestOutcomeStatus.Sent, "d-2026-11-24"), (next.Status, next.Period));
        Assert.Contains("news.example/a3", Sender.Accepted[2].TextBody);
        Assert.DoesNotContain("news.example/a1", Sender.Accepted[2].TextBody);
        Assert.DoesNotContain("news.example/a2", Sender.Accepted[2].TextBody);
    }

    [Fact]
    public async Task An_unconfirmed_hourly_digest_is_resent_under_its_own_period_after_the_hour_and_before_any_new_one()
    {
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 2, 55, 0, TimeSpan.Zero));
        await AddSubscriberAsync(Cadence.Hourly);
        await AddMatchAsync("a1", "aiact");
        await AddMatchAsync("a2", "mistral");

        Crash.Armed = true;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Handler.SendDueAsync(default));
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 3, 1, 0, TimeSpan.Zero));
        await AddMatchAsync("a3", "aiact");
        var tooSoon = Assert.Single(await Handler.SendDueAsync(default));
        var sentTooSoon = Sender.Accepted.Count;
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 3, 6, 0, TimeSpan.Zero));
        var retried = Assert.Single(await Handler.SendDueAsync(default));

        Assert.Equal((DigestOutcomeStatus.WaitingForRetry, 1), (tooSoon.Status, sentTooSoon));
        Assert.Equal("waiting for retry after a failed send: the last send did not complete; next try 2026-11-23 03:05 UTC", tooSoon.Summary);
        Assert.Null(await Log.GetDigestAsync("ana", "h-2026-11-23T03:00Z"));
        Assert.Equal((DigestOutcomeStatus.Sent, "h-2026-11-23T02:00Z"), (retried.Status, retried.Period));
        AssertSameMessage(Sender.Accepted[0], Sender.Accepted[1]);
        Assert.Equal(DigestStatus.Sent, (await Log.GetDigestAsync("ana", "h-2026-11-23T02:00Z"))!.Status);
        Assert.All(await Log.ListUnconfirmedAsync("ana"), d => Assert.Equal(SendDigestsHandler.LeasePeriod, d.Period));

        var nextHour = Assert.Single(await Handler.SendDueAsync(default));

        Assert.Equal((DigestOutcomeStatus.Sent, "h-2026-11-23T03:00Z"), (nextHour.Status, nextHour.Period));
        Assert.Equal(3, Sender.Accepted.Count);
        Assert.Contains("news.example/a3", Sender.Accepted[2].TextBody);
        Assert.DoesNotContain("news.example/a1", Sender.Accepted[2].TextBody);
        Assert.NotEqual(Sender.Accepted[0].DigestKey, Sender.Accepted[2].DigestKey);
    }

    private static void AssertSameMessage(EmailMessage first, EmailMessage again)
    {
        Assert.Equal(first.DigestKey, again.DigestKey);
        Assert.Equal(MimeMessageFactory.MessageIdFor(first.DigestKey, first.From.Address), MimeMessageFactory.MessageIdFor(again.DigestKey, again.From.Address));
        Assert.Equal(first.Subject, again.Subject);
        Assert.Equal(first.TextBody, again.TextBody);
        Assert.Equal(first.HtmlBody, again.HtmlBody);
        Assert.Equal(first.Headers, again.Headers);
    }

    private Task AddSubscriberAsync(Cadence cadence) =>
        services.GetRequiredService<ISubscriberStore>().UpsertSubscriberAsync(
            new Subscriber { Id = "ana", Email = "ana@example.org", Cadence = cadence, At = new TimeOnly(8, 0), TimeZone = "Europe/Paris" });

    private async Task AddMatchAsync(string articleId, string termId)
    {
        var now = Clock.GetUtcNow();
        await services.GetRequiredService<IArticleStore>().TryAddArticleAsync(new Article
        {
            Id = articleId,
            FeedId = "feed",
            Url = $"https://news.example/{articleId}",
            Title = $"Article {articleId}",
            Summary = "",
            Published = now,
            FetchedAt = now,
            Source = "Gazette",
        });
        var matches = services.GetRequiredService<IMatchStore>();
        await matches.AddMatchAsync(new TermMatchRecord { ArticleId = articleId, TermId = termId, MatchedAt = now });
        await matches.AddPendingAsync("ana", articleId, termId, now);
    }

    /// <summary>Keeps every message it accepts.</summary>
    private sealed class KeepingSender : IEmailSender
    {
        public List<EmailMessage> Accepted { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            Accepted.Add(message);
            return Task.CompletedTask;
        }
    }

    private sealed class SimulatedCrashException : Exception
    {
        public SimulatedCrashException()
            : base("the process died here")
        {
        }
    }

    /// <summary>The real store, but when armed the next "mark delivered" fails: the step right after the relay accepted.</summary>
    private sealed class CrashingMatchStore(IMatchStore inner) : IMatchStore
    {
        public bool Armed { get; set; }

        public Task AddMatchAsync(TermMatchRecord match, CancellationToken ct = default) => inner.AddMatchAsync(match, ct);

        public Task<IReadOnlyList<TermMatchRecord>> ListMatchesForArticlesAsync(IReadOnlyCollection<string> articleIds, CancellationToken ct = default) => inner.ListMatchesForArticlesAsync(articleIds, ct);

        public Task AddPendingAsync(string subscriberId, string articleId, string termId, DateTimeOffset at, CancellationToken ct = default) => inner.AddPendingAsync(subscriberId, articleId, termId, at, ct);

        public Task<IReadOnlyList<PendingItem>> ListPendingAsync(string subscriberId, CancellationToken ct = default) => inner.ListPendingAsync(subscriberId, ct);

        public Task RecordMatchesAsync(IReadOnlyList<ArticleMatches> batch, DateTimeOffset at, CancellationToken ct = default) => inner.RecordMatchesAsync(batch, at, ct);

        public Task MarkDeliveredAsync(string subscriberId, IReadOnlyCollection<PendingItem> items, string digestKey, CancellationToken ct = default)
        {
            if (Armed)
            {
                Armed = false;
                throw new SimulatedCrashException();
            }

            return inner.MarkDeliveredAsync(subscriberId, items, digestKey, ct);
        }
    }
}

public sealed class SqliteDigestCrashWindowTests : DigestCrashWindowTests
{
    private readonly TempDirectory temp = new();

    protected override Type MatchStoreType => typeof(SqliteMatchStore);

    protected override Task<IDictionary<string, string?>> SettingsAsync() =>
        Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?> { ["Storage:DataDirectory"] = temp.Path });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        temp.Dispose();
    }
}

public sealed class TableDigestCrashWindowTests : DigestCrashWindowTests
{
    private readonly TempDirectory temp = new();
    private AzuriteScope? scope;

    protected override Type MatchStoreType => typeof(TableMatchStore);

    protected override async Task<IDictionary<string, string?>> SettingsAsync()
    {
        scope = await AzuriteScope.CreateAsync();
        var settings = scope.Settings;
        settings["Storage:DataDirectory"] = temp.Path;
        return settings;
    }

    protected override void AddStore(IServiceCollection collection, IConfiguration configuration) => collection.AddNewsMonitorAzure(configuration);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (scope is not null)
        {
            await scope.DisposeAsync();
        }

        temp.Dispose();
    }
}
