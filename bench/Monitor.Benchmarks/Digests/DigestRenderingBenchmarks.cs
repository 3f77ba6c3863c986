using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Microsoft.Extensions.Options;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Benchmarks.Digests;

/// <summary>
/// Compose and render 10,000 digests of 20 articles each (every subscriber its own digest, articles with
/// French and English text, two or three highlights, some stories reported twice). One operation is one
/// digest, so the mean is the time per digest: digests/s = 1 s / mean. The baseline is grouping alone
/// (stories, sections, subject); the other rows add the HTML and text parts, then the whole MIME message
/// as the pickup and SMTP senders write it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RuntimeMoniker.Net10_0, launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class DigestRenderingBenchmarks
{
    private const int Digests = 10_000;
    private const int ArticlesPerDigest = 20;
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
    private readonly ActionTokens tokens = new(Options.Create(new DigestOptions { SigningKey = "a-signing-key-of-32-characters!!" }), TimeProvider.System);

    private readonly List<(Subscriber Subscriber, List<DigestItem> Items)> inputs = [];
    private readonly List<WatchTerm> watchlist =
    [
        new() { Id = "aiact", Name = "AI Act", Query = "\"AI Act\"" },
        new() { Id = "mistral", Name = "Mistral", Query = "Mistral" },
        new() { Id = "commission", Name = "Commission", Query = "Commission" },
    ];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
        for (var d = 0; d < Digests; d++)
        {
            var subscriber = new Subscriber { Id = $"s{d}", Email = $"s{d}@example.org", Name = $"Reader {d}", TimeZone = d % 2 == 0 ? "Europe/Paris" : "America/New_York" };
            var items = new List<DigestItem>(ArticlesPerDigest);
            for (var a = 0; a < ArticlesPerDigest; a++)
            {
                var term = watchlist[random.Next(watchlist.Count)];
                var title = $"{(a % 2 == 0 ? "La Commission et" : "Brussels weighs")} {term.Name} <rules> & more, part {d}-{a}";
                var summary = string.Join(' ', Enumerable.Repeat("Les négociations reprennent mardi à Bruxelles, où l’on discute", 3))
                    + $" du {term.Name} et de ses effets sur les start-up européennes comme Mistral. " + new string('x', random.Next(0, 200));
                var article = new Article
                {
                    Id = $"a{d}-{a}",
                    FeedId = "f",
                    Url = $"https://news{a % 5}.example/2026/11/{d}/{a}?id={a}&lang=fr",
                    Title = title,
                    Summary = summary,
                    Source = $"Outlet {a % 5}",
                    Published = start.AddMinutes(random.Next(0, 600)),
                    FetchedAt = start,
                    StoryKey = a % 7 == 0 ? $"story{d}-{a / 14}" : null,
                };
                items.Add(new DigestItem(article, a % 4 == 0 ? [term, watchlist[(watchlist.IndexOf(term) + 1) % 3]] : [term], Highlights(article, term.Name)));
            }

            inputs.Add((subscriber, items));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Digests)]
    public int Compose()
    {
        var total = 0;
        foreach (var (subscriber, items) in inputs)
        {
            total += DigestBuilder.Build(subscriber, items, watchlist).TotalArticles;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Digests)]
    public long ComposeAndRenderHtmlAndText()
    {
        long length = 0;
        foreach (var (subscriber, items) in inputs)
        {
            var digest = DigestBuilder.Build(subscriber, items, watchlist);
            var links = Links(subscriber);
            length += DigestHtmlRenderer.Render(digest, links).Length + DigestTextRenderer.Render(digest, links).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Digests)]
    public long ComposeRenderAndWriteMimeMessage()
    {
        long length = 0;
        foreach (var (subscriber, items) in inputs)
        {
            var digest = DigestBuilder.Build(subscriber, items, watchlist);
            var links = Links(subscriber);
            var message = new EmailMessage
            {
                From = new EmailAddress("digests@news.example", "News Monitor"),
                To = new EmailAddress(subscriber.Email, subscriber.Name),
                Subject = digest.Subject,
                HtmlBody = DigestHtmlRenderer.Render(digest, links),
                TextBody = DigestTextRenderer.Render(digest, links),
                DigestKey = $"{subscriber.Id}/d-2026-11-23",
                Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{links.Unsubscribe}>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
            };
            using var counter = new CountingStream();
            MimeMessageFactory.Create(message).WriteTo(counter);
            length += counter.Length;
        }

        return length;
    }

    private static List<HighlightSpan> Highlights(Article article, string word)
    {
        var spans = new List<HighlightSpan>();
        foreach (var (field, text) in new[] { (ArticleField.Title, article.Title), (ArticleField.Summary, article.Summary) })
        {
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                spans.Add(new HighlightSpan(field, at, word.Length));
            }
        }

        return spans;
    }

    /// <summary>Counts what the message writer produces and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;
    }

    /// <summary>The signed links a digest carries (a token per term, entry and footer link), as the composer makes them.</summary>
    private DigestLinks Links(Subscriber subscriber) => new(tokens, "https://monitor.example", subscriber.Id, IssuedAt);
}
