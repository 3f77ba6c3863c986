using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NewsMonitor.Pipeline;
using NewsMonitor.Server.Cli;
using NewsMonitor.Server.Hosting;
using NewsMonitor.Storage;
using NewsMonitor.Testing;

namespace NewsMonitor.Tests;

/// <summary>`digest preview` through the real executable's verbs, on a store seeded as the pipeline would leave it.</summary>
public sealed class DigestPreviewCommandTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private string Data => temp.Combine("data");

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Data }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddNewsMonitor(configuration).BuildServiceProvider();
        await services.GetRequiredService<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" });
        await services.GetRequiredService<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber
        {
            Id = "ana",
            Email = "ana@example.org",
            Name = "Ana",
            Cadence = Cadence.Daily,
            At = new TimeOnly(8, 0),
            TimeZone = "Europe/Paris",
        });
        await services.GetRequiredService<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "bob", Email = "bob@example.org" });
        const string title = "The <AI Act> & you";
        await services.GetRequiredService<IArticleStore>().TryAddArticleAsync(new Article
        {
            Id = "a1",
            FeedId = "f",
            Url = "https://gazette.example/ai-act",
            Title = title,
            Summary = "What the AI Act changes.",
            Source = "Gazette",
            Published = clock.GetUtcNow(),
            FetchedAt = clock.GetUtcNow(),
        });
        var matches = services.GetRequiredService<IMatchStore>();
        await matches.AddMatchAsync(new TermMatchRecord { ArticleId = "a1", TermId = "aiact", MatchedAt = clock.GetUtcNow(), Highlights = [new(ArticleField.Title, 5, 6)] });
        await matches.AddPendingAsync("ana", "a1", "aiact", clock.GetUtcNow());
        await services.GetRequiredService<ISubscriberStore>().UpsertSubscriberAsync(new Subscriber { Id = "carl", Email = "carl@example.org", State = SubscriberState.Paused });
        await matches.AddPendingAsync("carl", "a1", "aiact", clock.GetUtcNow());
    }

    public Task DisposeAsync()
    {
        temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Writes_the_next_digest_as_a_message_file_without_sending_or_marking_anything()
    {
        var file = temp.Combine("next.eml");

        var (exit, output, error) = await RunAsync("digest", "preview", "--subscriber", "ana", "--data", Data, "--out", file);

        Assert.True(exit == 0, error);
        Assert.Equal("", output);
        Assert.Contains($"ana: 1 stories written to {file}; next digest due now (the next run sends it) (nothing was sent)", error);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("The <AI Act> & you", message.Subject);
        Assert.Equal("ana@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains("The &lt;<strong", message.HtmlBody);
        Assert.Contains("* The <AI Act> & you", message.TextBody);
        Assert.NotNull(message.Headers[HeaderId.ListUnsubscribe]);

        await using var services = Services();
        Assert.Single(await services.GetRequiredService<IMatchStore>().ListPendingAsync("ana"));
        Assert.Null(await services.GetRequiredService<IDigestLog>().GetLastDigestAsync("ana"));
        Assert.False(Directory.Exists(temp.Combine("outbox")));
    }

    [Theory]
    [InlineData("html", "<!DOCTYPE html>")]
    [InlineData("text", "The <AI Act> & you")]
    public async Task Prints_one_part_to_standard_output(string format, string start)
    {
        var (exit, output, _) = await RunAsync("digest", "preview", "--subscriber", "ana", "--data", Data, "--format", format);

        Assert.Equal(0, exit);
        Assert.StartsWith(start, output);
        Assert.Contains("gazette.example/ai-act", output);
    }

    [Fact]
    public async Task Says_when_nothing_is_waiting()
    {
        var (exit, output, error) = await RunAsync("digest", "preview", "--subscriber", "bob", "--data", Data);

        Assert.Equal((0, ""), (exit, output));
        Assert.Contains("bob: nothing waiting (nothing matched yet); next digest due 2026-11-24 08:00 UTC", error);
    }

    [Fact]
    public async Task Says_when_the_subscriber_would_get_nothing()
    {
        var (exit, output, error) = await RunAsync("digest", "preview", "--subscriber", "carl", "--data", Data, "--format", "text");

        Assert.Equal(0, exit);
        Assert.StartsWith("The <AI Act> & you", output);
        Assert.Contains("but carl is paused: nothing will be sent", error);
    }

    [Theory]
    [InlineData("nobody", "error: no subscriber 'nobody'")]
    [InlineData("ana", "error: no store in", "elsewhere")]
    public async Task Refuses_an_unknown_subscriber_or_store(string id, string message, string? data = null)
    {
        var (exit, _, error) = await RunAsync("digest", "preview", "--subscriber", id, "--data", data is null ? Data : temp.Combine(data));

        Assert.Equal(1, exit);
        Assert.Contains(message, error);
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Data }).Build();
        return new ServiceCollection().AddLogging().AddNewsMonitor(configuration).BuildServiceProvider();
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        MonitorHost.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        var exit = await MonitorCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
