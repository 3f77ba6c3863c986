using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

public sealed class UnsubscribeTokensTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private UnsubscribeTokens Tokens(string key = "a-signing-key-of-32-characters!!") =>
        new(Options.Create(new DigestOptions { SigningKey = key }), clock);

    [Theory]
    [InlineData("ana")]
    [InlineData("dotted.id|with/odd=chars é")]
    public void A_token_names_its_subscriber(string id)
    {
        var tokens = Tokens();

        Assert.True(tokens.TryValidate(tokens.Create(id), out var subscriberId));
        Assert.Equal(id, subscriberId);
    }

    [Fact]
    public void A_token_works_until_its_lifetime_ends()
    {
        var tokens = Tokens();
        var token = tokens.Create("ana");

        clock.Advance(TimeSpan.FromDays(60) - TimeSpan.FromSeconds(1));
        Assert.True(tokens.TryValidate(token, out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(tokens.TryValidate(token, out var id));
        Assert.Equal("", id);
    }

    [Fact]
    public void A_tampered_token_is_refused()
    {
        var tokens = Tokens();
        var parts = tokens.Create("ana").Split('.');
        var bob = tokens.Create("bob").Split('.');
        var later = new FakeTimeProvider(clock.GetUtcNow().AddYears(5));
        var longLived = new UnsubscribeTokens(Options.Create(new DigestOptions { SigningKey = "a-signing-key-of-32-characters!!" }), later).Create("ana").Split('.');

        Assert.False(tokens.TryValidate($"{bob[0]}.{parts[1]}.{parts[2]}", out _)); // someone else's id
        Assert.False(tokens.TryValidate($"{parts[0]}.{longLived[1]}.{parts[2]}", out _)); // a later expiry
        Assert.False(tokens.TryValidate($"{parts[0]}.{parts[1]}.{Flip(parts[2])}", out _)); // a forged signature
        Assert.False(Tokens("another-key-of-32-characters-too").TryValidate(string.Join('.', parts), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("YW5h..c2ln")]
    [InlineData("YW5h.!!!.c2ln")]
    [InlineData("YW5h.AAAAAAAAAAA.c2ln")]
    public void A_malformed_token_is_refused(string token) => Assert.False(Tokens().TryValidate(token, out _));

    [Fact]
    public void Without_a_configured_key_one_is_generated_once_and_kept_in_the_data_directory()
    {
        string token;
        string dataDirectory;
        using (var first = new DigestTestHost(clock.GetUtcNow()))
        {
            token = first.Get<UnsubscribeTokens>().Create("ana");
            dataDirectory = first.DataDirectory;
            var keyFile = Path.Combine(dataDirectory, SigningKeyFile.FileName);
            Assert.True(File.Exists(keyFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }

            // A second start on the same data directory (a restart) accepts links already sent.
            var again = new UnsubscribeTokens(Options.Create(new DigestOptions { SigningKey = SigningKeyFile.LoadOrCreate(dataDirectory) }), clock);
            Assert.True(again.TryValidate(token, out var id));
            Assert.Equal("ana", id);
        }

        using var other = new DigestTestHost(clock.GetUtcNow());
        Assert.False(other.Get<UnsubscribeTokens>().TryValidate(token, out _));
    }

    [Fact]
    public void A_configured_key_is_used_and_nothing_is_written()
    {
        using var host = new DigestTestHost(clock.GetUtcNow(), settings: new Dictionary<string, string?> { ["Digests:SigningKey"] = "a-signing-key-of-32-characters!!" });

        Assert.True(Tokens().TryValidate(host.Get<UnsubscribeTokens>().Create("ana"), out _));
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, SigningKeyFile.FileName)));
    }

    [Fact]
    public async Task A_digest_carries_a_working_one_click_unsubscribe_link_in_its_body_and_headers()
    {
        using var host = new DigestTestHost(clock.GetUtcNow(), settings: new Dictionary<string, string?> { ["Digests:PublicBaseUrl"] = "https://monitor.example/" });
        await host.AddSubscriberAsync(new Subscriber { Id = "ana", Email = "ana@example.org", Cadence = Cadence.Immediate });
        await host.AddMatchAsync("ana", "a1", "aiact");

        await host.Handler.SendForAsync("ana", default);

        var mime = MimeMessageFactory.Create(host.Recorded.Sent.Single());
        var header = mime.Headers[HeaderId.ListUnsubscribe] ?? "";
        Assert.Matches(@"^<https://monitor\.example/api/unsubscribe\?token=[A-Za-z0-9_\-.%]+>$", header);
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
        var url = header.Trim('<', '>');
        Assert.Contains(url, mime.TextBody ?? "");
        Assert.Contains(url, mime.HtmlBody ?? "");
        var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.True(host.Get<UnsubscribeTokens>().TryValidate(token, out var id));
        Assert.Equal("ana", id);
    }

    private static string Flip(string part) => (part[0] == 'A' ? "B" : "A") + part[1..];
}
