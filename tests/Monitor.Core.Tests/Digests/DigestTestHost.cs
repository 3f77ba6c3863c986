using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsMonitor.Delivery;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests.Digests;

/// <summary>
/// The real digest pipeline (SQLite store in a temporary folder, composer, handler) on a fake clock, with a
/// sender that records what it was given (or the one "Delivery:Sender" names, when the settings name one). Tests seed articles and matches the way the match stage does.
/// </summary>
public sealed class DigestTestHost : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly ServiceProvider services;

    public DigestTestHost(DateTimeOffset now, IEmailSender? sender = null, IDictionary<string, string?>? settings = null)
    {
        Clock = new FakeTimeProvider(now);
        var configuredSender = settings?.ContainsKey("Delivery:Sender") == true;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataDirectory"] = temp.Combine("data"),
                ["Delivery:FromAddress"] = "digests@news.example",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Clock);
        if (!configuredSender)
        {
            collection.AddSingleton(sender ?? new RecordingSender());
        }

        services = collection.AddNewsMonitor(configuration).BuildServiceProvider();
        Sender = services.GetRequiredService<IEmailSender>();
    }

    public FakeTimeProvider Clock { get; }

    public IEmailSender Sender { get; }

    public RecordingSender Recorded => (RecordingSender)Sender;

    public string DataDirectory => temp.Combine("data");

    public SendDigestsHandler Handler => Get<SendDigestsHandler>();

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    public static IReadOnlyList<WatchTerm> Terms { get; } =
    [
        new() { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" },
        new() { Id = "mistral", Name = "Mistral", Query = "Mistral" },
        new() { Id = "commission", Name = "Commission", Query = "Commission" },
    ];

    public async Task<Subscriber> AddSubscriberAsync(Subscriber subscriber)
    {
        foreach (var term in Terms)
        {
            await Get<ITermStore>().UpsertTermAsync(term);
        }

        await Get<ISubscriberStore>().UpsertSubscriberAsync(subscriber);
        return subscriber;
    }

    /// <summary>Stores an article and puts its match for each term in the subscriber's inbox, as stage 3 does.</summary>
    public async Task<Article> AddMatchAsync(string subscriberId, string articleId, params string[] termIds)
    {
        var article = Article(articleId, $"Article {articleId}", published: Clock.GetUtcNow());
        await AddMatchAsync(subscriberId, article, termIds);
        return article;
    }

    public async Task AddMatchAsync(string subscriberId, Article article, params string[] termIds)
    {
        await Get<IArticleStore>().TryAddArticleAsync(article);
        foreach (var termId in termIds)
        {
            await Get<IMatchStore>().AddMatchAsync(new TermMatchRecord { ArticleId = article.Id, TermId = termId, MatchedAt = Clock.GetUtcNow() });
            await Get<IMatchStore>().AddPendingAsync(subscriberId, article.Id, termId, Clock.GetUtcNow());
        }
    }

    public async Task<int> PendingCountAsync(string subscriberId) => (await Get<IMatchStore>().ListPendingAsync(subscriberId)).Count;

    /// <summary>The links of a digest for <paramref name="subscriberId"/>, signed with a fixed key, issued at <paramref name="issuedAt"/>.</summary>
    public static NewsMonitor.Digests.DigestLinks LinksFor(string subscriberId, DateTimeOffset issuedAt) =>
        new(
            new NewsMonitor.Digests.ActionTokens(Microsoft.Extensions.Options.Options.Create(new NewsMonitor.Digests.DigestOptions { SigningKey = "a-signing-key-of-32-characters!!" }), new FakeTimeProvider(issuedAt)),
            "https://monitor.example",
            subscriberId,
            issuedAt);

    public static Article Article(string id, string title, DateTimeOffset? published = null, string summary = "", string? source = "Gazette", string? storyKey = null, string? url = null) => new()
    {
        Id = id,
        FeedId = "feed",
        Url = url ?? $"https://news.example/{id}",
        Title = title,
        Summary = summary,
        Published = published,
        FetchedAt = published ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Source = source,
        StoryKey = storyKey,
    };

    public void Dispose()
    {
        services.Dispose();
        temp.Dispose();
    }
}

/// <summary>Accepts every message and keeps it, in order.</summary>
public sealed class RecordingSender : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
