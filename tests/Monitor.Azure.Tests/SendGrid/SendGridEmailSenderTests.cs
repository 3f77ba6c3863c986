using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsMonitor.Azure;
using NewsMonitor.Azure.SendGrid;
using NewsMonitor.Delivery;
using NewsMonitor.Tests.Support;

namespace NewsMonitor.Tests.SendGrid;

public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly SteppingTimeProvider clock = new(Now);
    private FakeSendGrid sendGrid = null!;

    public async Task InitializeAsync() => sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync() => await sendGrid.DisposeAsync();

    [Fact]
    public async Task A_digest_is_one_request_with_text_then_html_its_key_as_a_custom_arg_and_the_categories()
    {
        await Sender().SendAsync(Message() with { Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://example.org/u>" } }, CancellationToken.None);

        var mail = Assert.Single(sendGrid.Accepted);
        var personalization = Assert.Single(mail["personalizations"]!.AsArray())!;
        Assert.Equal("ana@example.org", (string?)personalization["to"]![0]!["email"]);
        Assert.Equal("Ana", (string?)personalization["to"]![0]!["name"]);
        Assert.Equal("news@example.org", (string?)mail["from"]!["email"]);
        Assert.Equal("2 new: AI Act (2)", (string?)personalization["subject"]);
        Assert.Equal(["text/plain", "text/html"], mail["content"]!.AsArray().Select(c => (string?)c!["type"]));
        Assert.Equal("<p>digest</p>", (string?)mail["content"]![1]!["value"]);
        Assert.Equal("ana/2026-11-23", (string?)personalization["custom_args"]![SendGridEmailSender.DigestKeyArg]);
        Assert.Equal(["news-monitor", "digest"], mail["categories"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("<https://example.org/u>", (string?)personalization["headers"]!["List-Unsubscribe"]);
        Assert.Null(mail["mail_settings"]?["sandbox_mode"]);
        Assert.Equal(1, sendGrid.Requests);
    }

    [Fact]
    public async Task Sandbox_mode_and_categories_come_from_configuration()
    {
        await Sender(("SendGrid:SandboxMode", "true"), ("SendGrid:Categories:0", "staging")).SendAsync(Message(), CancellationToken.None);

        var mail = Assert.Single(sendGrid.Accepted);
        Assert.True((bool?)mail["mail_settings"]!["sandbox_mode"]!["enable"]);
        Assert.Equal(["staging"], mail["categories"]!.AsArray().Select(c => (string?)c));
    }

    [Fact]
    public async Task A_refused_request_fails_at_once_with_SendGrid_s_error_text()
    {
        sendGrid.ThenAnswer(400, FakeSendGrid.Errors("Does not contain a valid address.", "personalizations.0.to.0.email"));

        var error = await Assert.ThrowsAsync<SendGridException>(() => Sender().SendAsync(Message(), CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("HTTP 400 Does not contain a valid address. (field personalizations.0.to.0.email)", error.Message);
        Assert.Contains("ana/2026-11-23", error.Message);
        Assert.Equal(1, sendGrid.Requests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task A_wrong_key_fails_at_once_with_401()
    {
        var error = await Assert.ThrowsAsync<SendGridException>(() => Sender(("SendGrid:ApiKey", "SG.wrong")).SendAsync(Message(), CancellationToken.None));

        Assert.Contains("HTTP 401 The provided authorization grant is invalid", error.Message);
        Assert.Equal(1, sendGrid.Requests);
    }

    [Fact]
    public async Task A_rate_limited_send_waits_until_the_limit_resets_and_is_sent_once()
    {
        sendGrid.ThenRateLimit(Now.AddSeconds(7));

        await Sender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Waits);
        Assert.Single(sendGrid.Accepted);
        Assert.Equal(2, sendGrid.Requests);
    }

    [Fact]
    public async Task Retry_After_wins_over_the_reset_header()
    {
        sendGrid.ThenAnswer(429, FakeSendGrid.Errors("too many requests"), new Dictionary<string, string> { ["Retry-After"] = "3", ["X-RateLimit-Reset"] = Now.AddSeconds(50).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        await Sender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(3)], clock.Waits);
        Assert.Single(sendGrid.Accepted);
    }

    [Fact]
    public async Task A_rate_limit_that_resets_too_late_fails_at_once_saying_until_when()
    {
        sendGrid.ThenRateLimit(Now.AddHours(1));

        var error = await Assert.ThrowsAsync<SendGridException>(() => Sender().SendAsync(Message(), CancellationToken.None));

        Assert.Contains("HTTP 429 rate limited until 2026-11-23 11:00:00Z", error.Message);
        Assert.Equal(1, sendGrid.Requests);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_back_off()
    {
        sendGrid.ThenServerError(times: 2);

        await Sender().SendAsync(Message(), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], clock.Waits);
        Assert.Single(sendGrid.Accepted);
        Assert.Equal(3, sendGrid.Requests);
    }

    [Fact]
    public async Task A_server_that_keeps_failing_fails_the_send_after_the_configured_retries()
    {
        sendGrid.ThenServerError(times: 10);

        var error = await Assert.ThrowsAsync<SendGridException>(() => Sender(("SendGrid:MaxRetries", "2")).SendAsync(Message(), CancellationToken.None));

        Assert.Contains("HTTP 500 internal error", error.Message);
        Assert.Equal(3, sendGrid.Requests);
        Assert.Empty(sendGrid.Accepted);
    }

    [Fact]
    public async Task An_unreachable_SendGrid_is_retried_then_the_send_fails()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            Sender(("SendGrid:Host", $"http://127.0.0.1:{closedPort}"), ("SendGrid:MaxRetries", "2")).SendAsync(Message(), CancellationToken.None));

        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], clock.Waits);
    }

    [Fact]
    public void A_missing_key_is_reported_when_the_sender_is_built()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Sender(("SendGrid:ApiKey", "")));

        Assert.Contains("SendGrid:ApiKey", error.Message);
    }

    private IEmailSender Sender(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Delivery:Sender"] = "sendgrid",
            ["SendGrid:ApiKey"] = FakeSendGrid.ApiKey,
            ["SendGrid:Host"] = sendGrid.Host,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        services.AddSendGridSender(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider().GetRequiredKeyedService<IEmailSender>(EmailSenders.SendGrid);
    }

    internal static EmailMessage Message() => new()
    {
        From = new EmailAddress("news@example.org", "News Monitor"),
        To = new EmailAddress("ana@example.org", "Ana"),
        Subject = "2 new: AI Act (2)",
        HtmlBody = "<p>digest</p>",
        TextBody = "digest",
        DigestKey = "ana/2026-11-23",
    };
}
