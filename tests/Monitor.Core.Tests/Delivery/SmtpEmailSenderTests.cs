using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using MimeKit;
using NewsMonitor.Delivery;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;
using NewsMonitor.Testing;
using NewsMonitor.Tests.Digests;

namespace NewsMonitor.Tests.Delivery;

/// <summary>
/// The SMTP sender against real SMTP servers (maildev on 127.0.0.1): a plain one shared by the run, and one of
/// this class's own that speaks TLS from the first byte with a self-signed certificate and requires a password.
/// </summary>
public sealed class SmtpEmailSenderTests(SecureRelayFixture relay) : IClassFixture<SecureRelayFixture>, IAsyncLifetime
{
    private Maildev plain = null!;

    private Maildev secure => relay.Server;

    public async Task InitializeAsync() => plain = await Maildev.SharedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_digest_arrives_as_composed_with_both_parts_and_the_unsubscribe_headers()
    {
        var to = Recipient();
        var message = Message(to) with
        {
            Subject = "2 new: AI Act (1), Mistral (1)",
            TextBody = "Plain part: l’IA Act",
            HtmlBody = "<p>HTML part: l’IA <strong>Act</strong></p>",
            Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://monitor.example/api/unsubscribe?token=t>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
        };

        await Sender(PlainOptions()).SendAsync(message, default);

        var arrived = await MimeMessage.LoadAsync(await plain.SourceAsync(Assert.Single(await plain.WaitForAsync(to))));
        Assert.Equal("2 new: AI Act (1), Mistral (1)", arrived.Subject);
        Assert.Equal(to, arrived.To.Mailboxes.Single().Address);
        Assert.Equal(("News Monitor", "digests@news.example"), (arrived.From.Mailboxes.Single().Name, arrived.From.Mailboxes.Single().Address));
        Assert.Equal("Plain part: l’IA Act", arrived.TextBody?.TrimEnd());
        Assert.Contains("l’IA <strong>Act</strong>", arrived.HtmlBody);
        Assert.Equal("<https://monitor.example/api/unsubscribe?token=t>", arrived.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", arrived.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(MimeMessageFactory.MessageIdFor(message.DigestKey, "digests@news.example"), arrived.MessageId);
    }

    [Fact]
    public async Task Tls_with_a_pinned_certificate_and_a_password_delivers()
    {
        var to = Recipient();

        await Sender(SecureOptions()).SendAsync(Message(to), default);

        Assert.Single(await secure.WaitForAsync(to));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_says_so()
    {
        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(SecureOptions(o => o.Password = "wrong")).SendAsync(Message(Recipient()), default));

        Assert.Contains($"SMTP 127.0.0.1:{secure.SmtpPort}: authenticate failed: the server refused the user name or password", error.Message);
    }

    [Fact]
    public async Task A_server_that_requires_a_password_refuses_a_message_sent_without_one()
    {
        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(SecureOptions(o => (o.UserName, o.Password) = (null, null))).SendAsync(Message(Recipient()), default));

        Assert.Contains("send failed: the server requires authentication: set Delivery:Smtp:UserName and Password", error.Message);
    }

    [Fact]
    public async Task An_unknown_certificate_is_not_trusted_without_a_pin()
    {
        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(SecureOptions(o => o.ServerCertificateSha256 = null)).SendAsync(Message(Recipient()), default));

        Assert.Contains("connect failed: the TLS handshake failed", error.Message);
    }

    [Fact]
    public async Task StartTls_is_required_when_asked_for_and_nothing_goes_out_in_clear_text()
    {
        var to = Recipient();
        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(PlainOptions(SmtpSecurity.StartTls)).SendAsync(Message(to), default));

        Assert.Contains("the server does not offer STARTTLS", error.Message);
        var barrier = Recipient();
        await Sender(PlainOptions()).SendAsync(Message(barrier), default);
        Assert.Single(await plain.WaitForAsync(barrier));
        Assert.Empty(await plain.ForAsync(to));
    }

    [Fact]
    public async Task A_relay_that_is_not_listening_is_a_clear_failure()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender(new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None }).SendAsync(Message(Recipient()), default));

        Assert.Contains($"SMTP 127.0.0.1:{port}: connect failed: ConnectionRefused", error.Message);
    }

    [Fact]
    public async Task Without_a_host_nothing_is_attempted() =>
        Assert.Contains("Delivery:Smtp:Host is not set", (await Assert.ThrowsAsync<EmailSendException>(() => Sender(new SmtpOptions()).SendAsync(Message(Recipient()), default))).Message);

    [Fact]
    public async Task Through_the_pipeline_a_digest_is_sent_once_over_smtp()
    {
        var to = Recipient();
        using var host = new DigestTestHost(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), settings: new Dictionary<string, string?>
        {
            ["Delivery:Sender"] = "smtp",
            ["Delivery:Smtp:Host"] = plain.Host,
            ["Delivery:Smtp:Port"] = plain.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:Smtp:Security"] = "None",
        });
        await host.AddSubscriberAsync(new Subscriber { Id = "ana", Email = to, Name = "Ana", Cadence = Cadence.Hourly, TimeZone = "Europe/Paris" });
        await host.AddMatchAsync("ana", "a1", "aiact");

        var first = Assert.Single(await host.Handler.SendDueAsync(default));
        var second = Assert.Single(await host.Handler.SendDueAsync(default));

        Assert.IsType<SmtpEmailSender>(host.Sender);
        Assert.Equal((DigestOutcomeStatus.Sent, DigestOutcomeStatus.AlreadySent), (first.Status, second.Status));
        var arrived = Assert.Single(await plain.WaitForAsync(to));
        Assert.Equal("Article a1", arrived.GetProperty("subject").GetString());
    }

    private SmtpOptions PlainOptions(SmtpSecurity security = SmtpSecurity.None) => new() { Host = plain.Host, Port = plain.SmtpPort, Security = security };

    private SmtpOptions SecureOptions(Action<SmtpOptions>? change = null)
    {
        var options = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = secure.SmtpPort,
            Security = SmtpSecurity.Tls,
            UserName = SecureRelayFixture.User,
            Password = SecureRelayFixture.Password,
            ServerCertificateSha256 = relay.CertificateSha256,
            Timeout = TimeSpan.FromSeconds(20),
        };
        change?.Invoke(options);
        return options;
    }

    private static SmtpEmailSender Sender(SmtpOptions smtp) =>
        new(Options.Create(new DeliveryOptions { Smtp = smtp, FromAddress = "digests@news.example" }));

    private static string Recipient() => $"r{Guid.NewGuid():N}@example.org";

    private static EmailMessage Message(string to) => new()
    {
        From = new EmailAddress("digests@news.example", "News Monitor"),
        To = new EmailAddress(to, "Reader"),
        Subject = "1 new: AI Act (1)",
        TextBody = "text",
        HtmlBody = "<p>html</p>",
        DigestKey = $"{to}/d-2026-11-23",
    };
}

/// <summary>A maildev of this class's own: TLS from the first byte, a self-signed certificate, a password required.</summary>
public sealed class SecureRelayFixture : IAsyncLifetime
{
    public const string User = "relay-user";
    public const string Password = "relay-password";
    private readonly TempDirectory temp = new();

    public Maildev Server { get; private set; } = null!;

    public string CertificateSha256 { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificateSha256 = Convert.ToHexString(SHA256.HashData(certificate.RawData));
        Server = await Maildev.StartAsync(
            "--incoming-secure",
            "--incoming-cert", temp.Write("cert.pem", certificate.ExportCertificatePem()),
            "--incoming-key", temp.Write("key.pem", key.ExportPkcs8PrivateKeyPem()),
            "--incoming-user", User,
            "--incoming-pass", Password);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        temp.Dispose();
    }
}
