using System.Text;
using MimeKit;
using NewsMonitor.Delivery;
using NewsMonitor.Storage;
using NewsMonitor.Testing;
using NewsMonitor.Tests.Digests;

namespace NewsMonitor.Tests.Delivery;

/// <summary>
/// A pickup .eml file is handed to mail servers as it is: it must be the same valid MIME the SMTP path sends,
/// whatever a feed put in the articles (7-bit transfer encodings, lines within RFC 5322's 998, encoded headers).
/// </summary>
public sealed class PickupFileFormatTests
{
    private static readonly DateTimeOffset Monday0830Paris = new(2026, 11, 23, 7, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_ordinary_digest_is_written_as_valid_mime()
    {
        using var outbox = new TempDirectory();
        var tee = new PickupTee(outbox.Path);
        using var host = new DigestTestHost(Monday0830Paris, tee);
        await host.AddSubscriberAsync(Daily());
        for (var i = 0; i < 40; i++)
        {
            var article = DigestTestHost.Article($"a{i}", $"Le Parlement européen adopte l’AI Act, épisode {i}", Monday0830Paris, summary: string.Concat(Enumerable.Repeat("La Commission présente ses lignes directrices. ", 20)));
            await host.AddMatchAsync("ana", article, "aiact");
        }

        await host.Handler.SendDueAsync(default);

        AssertValidMime(Assert.Single(Directory.GetFiles(outbox.Path, "*.eml")), Assert.Single(tee.Rendered));
    }

    [Fact]
    public async Task A_hostile_feed_with_a_huge_line_and_non_ascii_text_is_written_as_valid_mime()
    {
        using var outbox = new TempDirectory();
        var tee = new PickupTee(outbox.Path);
        using var host = new DigestTestHost(Monday0830Paris, tee);
        await host.AddSubscriberAsync(Daily() with { Name = "Zoë Ångström", Terms = null });
        await host.Get<ITermStore>().UpsertTermAsync(new WatchTerm { Id = "elysee", Name = "Élysée 日本", Query = "Elysee" });
        var huge = string.Concat(Enumerable.Repeat("Élysée", 100_000 / 6));
        var article = DigestTestHost.Article("h1", "Élysée: " + huge, Monday0830Paris, summary: huge + "\u2028" + huge, url: "https://news.example/" + new string('x', 5_000));
        await host.AddMatchAsync("ana", article, "elysee");

        await host.Handler.SendDueAsync(default);

        var rendered = Assert.Single(tee.Rendered);
        Assert.StartsWith("Élysée: ÉlyséeÉlysée", rendered.Subject);
        Assert.EndsWith("…", rendered.Subject);
        Assert.Equal(151, rendered.Subject.Length);
        var parsed = AssertValidMime(Assert.Single(Directory.GetFiles(outbox.Path, "*.eml")), rendered);
        Assert.Equal(rendered.Subject, parsed.Subject);
        Assert.Equal("Zoë Ångström", parsed.To.Mailboxes.Single().Name);
    }

    private static Subscriber Daily() =>
        new() { Id = "ana", Email = "ana@example.org", Cadence = Cadence.Daily, At = new TimeOnly(8, 0), TimeZone = "Europe/Paris" };

    private static MimeMessage AssertValidMime(string path, EmailMessage rendered)
    {
        var raw = File.ReadAllBytes(path);
        Assert.True(raw.All(b => b < 128), "the file is 7-bit: every non-ASCII character is encoded");
        var lines = Encoding.ASCII.GetString(raw).Split("\r\n");
        Assert.Equal(0, lines.Count(line => line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal)));
        Assert.True(lines.Max(line => line.Length) <= 998, $"a line of {lines.Max(line => line.Length)} characters");

        using var stream = File.OpenRead(path);
        var parser = new MimeParser(new ParserOptions { AddressParserComplianceMode = RfcComplianceMode.Strict, ParameterComplianceMode = RfcComplianceMode.Strict, Rfc2047ComplianceMode = RfcComplianceMode.Strict }, stream, MimeFormat.Entity);
        var message = parser.ParseMessage();
        var parts = message.BodyParts.OfType<TextPart>().ToList();
        Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.ContentType.MimeType));
        Assert.All(parts, p => Assert.Contains(p.ContentTransferEncoding, new[] { ContentEncoding.QuotedPrintable, ContentEncoding.Base64 }));
        Assert.Equal(Lf(rendered.TextBody), Lf(message.TextBody));
        Assert.Equal(Lf(rendered.HtmlBody), Lf(message.HtmlBody));
        Assert.Equal(MimeMessageFactory.MessageIdFor(rendered.DigestKey, rendered.From.Address), message.MessageId);
        return message;
    }

    private static string Lf(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The real pickup sender, keeping what it was given to compare the files with.</summary>
    private sealed class PickupTee(string directory) : IEmailSender
    {
        private readonly PickupDirectorySender pickup = new(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { PickupDirectory = directory }));

        public List<EmailMessage> Rendered { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            Rendered.Add(message);
            return pickup.SendAsync(message, ct);
        }
    }
}
