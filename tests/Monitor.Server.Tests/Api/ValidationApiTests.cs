using System.Net.Http.Json;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Api;

/// <summary>Names are one line of at most 200 characters; emails keep to RFC 5321's lengths. Each refusal names its field.</summary>
public sealed class ValidationApiTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static TheoryData<string, string> BadNames => new()
    {
        { "NUL \0 inside", "control character (U+0000)" },
        { "escape \u001b[31m red", "control character (U+001B)" },
        { "two\r\nlines", "control character (U+000D)" },
        { "line\nfeed", "control character (U+000A)" },
        { "delete \u007f", "control character (U+007F)" },
        { new string('x', 201), "201 characters long; at most 200" },
        { new string('x', 900_000), "900000 characters long; at most 200" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_term_name_with_a_control_character_or_too_long_is_refused(string name, string reason)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/terms", new { id = "t", name, query = "x" });

        var problem = await response.ReadProblemAsync(400);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Empty(await host.Get<ITermStore>().ListTermsAsync());
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_subscriber_name_with_a_control_character_or_too_long_is_refused(string name, string reason)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/subscribers", new { id = "ana", name, email = "ana@example.org" });

        var problem = await response.ReadProblemAsync(400);
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Empty(await host.Get<ISubscriberStore>().ListSubscribersAsync());
    }

    [Fact]
    public async Task A_feed_title_with_a_control_character_is_refused()
    {
        await host.Get<IFeedStore>().UpsertFeedAsync(new FeedSource { Id = "f1", Url = "https://a.example/feed", Title = "A" });

        using var response = await host.Client.PutAsJsonAsync("/api/feeds/f1", new { title = "A\r\nInjected: header" });

        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("control character (U+000D)", problem.GetProperty("errors").GetProperty("title")[0].GetString());
        Assert.Equal("A", (await host.Get<IFeedStore>().GetFeedAsync("f1"))!.Title);
    }

    [Fact]
    public async Task A_name_of_200_characters_is_accepted()
    {
        using var response = await host.Client.PostAsJsonAsync("/api/terms", new { id = "t", name = new string('x', 200), query = "x" });

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, string> LongEmails => new()
    {
        { new string('a', 5000) + "@example.org", "5012 characters long; an address has at most 254" },
        { new string('a', 65) + "@example.org", "65 characters before the @; at most 64" },
        { new string('a', 64) + "@" + new string('b', 186) + ".org", "255 characters long; an address has at most 254" },
    };

    [Theory]
    [MemberData(nameof(LongEmails))]
    public async Task An_email_over_the_smtp_limits_is_refused_with_the_limit(string email, string reason)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/subscribers", new { id = "ana", email });

        var problem = await response.ReadProblemAsync(400);
        var message = problem.GetProperty("errors").GetProperty("email")[0].GetString()!;
        Assert.Contains(reason, message);
        Assert.True(message.Length < 300, message);
    }
}
