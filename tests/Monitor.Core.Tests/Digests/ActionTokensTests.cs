using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NewsMonitor.Delivery;
using NewsMonitor.Digests;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

public sealed class ActionTokensTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private ActionTokens Tokens(string key = "a-signing-key-of-32-characters!!") =>
        new(Options.Create(new DigestOptions { SigningKey = key }), clock);

    [Theory]
    [InlineData("ana")]
    [InlineData("dotted.id|with/odd=chars é")]
    public void A_token_names_its_subscriber(string id)
    {
        var tokens = Tokens();

        Assert.True(tokens.TryValidate(tokens.Create(SignedAction.Unsubscribe(id)), out var action));
        Assert.Equal(SignedAction.Unsubscribe(id), action);
    }

    [Fact]
    public void A_token_works_until_its_lifetime_ends()
    {
        var tokens = Tokens();
        var token = tokens.Create(SignedAction.Unsubscribe("ana"));

        clock.Advance(TimeSpan.FromDays(60) - TimeSpan.FromSeconds(1));
        Assert.True(tokens.TryValidate(token, out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(tokens.TryValidate(token, out var action));
        Assert.Equal("", action.SubscriberId);
    }

    [Fact]
    public void A_tampered_token_is_refused()
    {
        var tokens = Tokens();
        var parts = tokens.Create(SignedAction.Unsubscribe("ana")).Split('.');
        var bob = tokens.Create(SignedAction.Unsubscribe("bob")).Split('.');
        var later = new FakeTimeProvider(clock.GetUtcNow().AddYears(5));
        var longLived = new ActionTokens(Options.Create(new DigestOptions { SigningKey = "a-signing-key-of-32-characters!!" }), later).Create(SignedAction.Unsubscribe("ana")).Split('.');

        Assert.False(tokens.TryValidate($"a.{bob[1]}.{parts[2]}.{parts[3]}", out _)); // someone else's id
        Assert.False(tokens.TryValidate($"a.{parts[1]}.{longLived[2]}.{parts[3]}", out _)); // a later expiry
        Assert.False(tokens.TryValidate($"a.{parts[1]}.{parts[2]}.{Flip(parts[3])}", out _)); // a forged signature
        Assert.False(Tokens("another-key-of-32-characters-too").TryValidate(string.Join('.', parts), out _));
    }

    public static TheoryData<SignedAction> EveryAction() =>
    [
        SignedAction.Unsubscribe("ana"),
        SignedAction.StopTerm("ana", "ai-act"),
        SignedAction.ChangeCadence("dotted.id|with/odd=chars é"),
        SignedAction.NotRelevant("ana", "mistral", "3f2a9c1d0b7e4a65"),
    ];

    [Theory]
    [MemberData(nameof(EveryAction))]
    public void A_token_carries_its_action_and_arguments_back_until_it_expires(SignedAction action)
    {
        var tokens = Tokens();
        var token = tokens.Create(action);

        Assert.True(tokens.TryValidate(token, out var read));
        Assert.Equal(action, read);
        clock.Advance(TimeSpan.FromDays(60));
        Assert.False(tokens.TryValidate(token, out _));
    }

    [Fact]
    public void A_token_for_one_action_term_or_article_cannot_be_replayed_as_another()
    {
        var tokens = Tokens();
        var stop = tokens.Create(SignedAction.StopTerm("ana", "mistral")).Split('.');
        var unsubscribe = tokens.Create(SignedAction.Unsubscribe("ana")).Split('.');
        var otherTerm = tokens.Create(SignedAction.StopTerm("ana", "ai-act")).Split('.');
        var notRelevant = tokens.Create(SignedAction.NotRelevant("ana", "mistral", "a1")).Split('.');
        var otherArticle = tokens.Create(SignedAction.NotRelevant("ana", "mistral", "a2")).Split('.');

        // Each payload with another token's signature: refused, whatever was swapped.
        Assert.False(tokens.TryValidate($"a.{unsubscribe[1]}.{stop[2]}.{stop[3]}", out _));
        Assert.False(tokens.TryValidate($"a.{otherTerm[1]}.{stop[2]}.{stop[3]}", out _));
        Assert.False(tokens.TryValidate($"a.{otherArticle[1]}.{notRelevant[2]}.{notRelevant[3]}", out _));

        // The payload rewritten by hand to say "unsubscribe" (action byte 0), signature kept: refused.
        var payload = System.Buffers.Text.Base64Url.DecodeFromChars(stop[1]);
        payload[0] = (byte)DigestAction.Unsubscribe;
        Assert.False(tokens.TryValidate($"a.{System.Buffers.Text.Base64Url.EncodeToString(payload)}.{stop[2]}.{stop[3]}", out _));

        // A new token's parts in the old three-part form: refused.
        Assert.False(tokens.TryValidate($"{stop[1]}.{stop[2]}.{stop[3]}", out _));
        Assert.True(tokens.TryValidate(string.Join('.', stop), out var action));
        Assert.Equal(SignedAction.StopTerm("ana", "mistral"), action);
    }

    [Fact]
    public void An_unsubscribe_link_sent_before_actions_existed_still_unsubscribes_until_it_expires()
    {
        const string Key = "a-signing-key-of-32-characters!!";
        var old = OldUnsubscribeToken(Key, "ana", clock.GetUtcNow().AddDays(60));
        var tokens = Tokens(Key);

        Assert.True(tokens.TryValidate(old, out var action));
        Assert.Equal(SignedAction.Unsubscribe("ana"), action);
        Assert.False(Tokens("another-key-of-32-characters-too").TryValidate(old, out _));
        var parts = old.Split('.');
        Assert.False(tokens.TryValidate($"{System.Buffers.Text.Base64Url.EncodeToString("bob"u8)}.{parts[1]}.{parts[2]}", out _));
        clock.Advance(TimeSpan.FromDays(60));
        Assert.False(tokens.TryValidate(old, out _));
    }

    [Fact]
    public void An_action_without_the_arguments_it_needs_is_never_signed()
    {
        var tokens = Tokens();

        Assert.Throws<ArgumentException>(() => tokens.Create(new SignedAction(DigestAction.StopTerm, "ana")));
        Assert.Throws<ArgumentException>(() => tokens.Create(new SignedAction(DigestAction.NotRelevant, "ana", "mistral")));
        Assert.Throws<ArgumentException>(() => tokens.Create(new SignedAction(DigestAction.Unsubscribe, "ana", "mistral")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.YW5h.AAAAAAAAAAA.c2ln")]
    [InlineData("b.YW5h.AAAAAAAAAAA.c2ln")]
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
            token = first.Get<ActionTokens>().Create(SignedAction.Unsubscribe("ana"));
            dataDirectory = first.DataDirectory;
            var keyFile = Path.Combine(dataDirectory, SigningKeyFile.FileName);
            Assert.True(File.Exists(keyFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }

            // A second start on the same data directory (a restart) accepts links already sent.
            var again = new ActionTokens(Options.Create(new DigestOptions { SigningKey = SigningKeyFile.LoadOrCreate(dataDirectory) }), clock);
            Assert.True(again.TryValidate(token, out var action));
            Assert.Equal(SignedAction.Unsubscribe("ana"), action);
        }

        using var other = new DigestTestHost(clock.GetUtcNow());
        Assert.False(other.Get<ActionTokens>().TryValidate(token, out _));
    }

    [Fact]
    public void A_configured_key_is_used_and_nothing_is_written()
    {
        using var host = new DigestTestHost(clock.GetUtcNow(), settings: new Dictionary<string, string?> { ["Digests:SigningKey"] = "a-signing-key-of-32-characters!!" });

        Assert.True(Tokens().TryValidate(host.Get<ActionTokens>().Create(SignedAction.Unsubscribe("ana")), out _));
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
        Assert.True(host.Get<ActionTokens>().TryValidate(token, out var action));
        Assert.Equal(SignedAction.Unsubscribe("ana"), action);
    }

    /// <summary>The form unsubscribe links had before actions: base64url(id) "." base64url(expiry) "." HMAC(length, id, expiry).</summary>
    private static string OldUnsubscribeToken(string key, string subscriberId, DateTimeOffset expires)
    {
        var id = System.Text.Encoding.UTF8.GetBytes(subscriberId);
        var expiry = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(expiry, expires.ToUnixTimeSeconds());
        var message = new byte[4 + id.Length + 8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(message, id.Length);
        id.CopyTo(message, 4);
        expiry.CopyTo(message, 4 + id.Length);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), message);
        return string.Join('.', System.Buffers.Text.Base64Url.EncodeToString(id), System.Buffers.Text.Base64Url.EncodeToString(expiry), System.Buffers.Text.Base64Url.EncodeToString(mac));
    }

    private static string Flip(string part) => (part[0] == 'A' ? "B" : "A") + part[1..];
}
