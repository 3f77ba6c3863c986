using System.Text;
using NewsMonitor.Digests;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Digests;

public sealed class SubscribersFileTests
{
    [Fact]
    public async Task Reads_every_field_of_a_subscriber()
    {
        var subscribers = await ReadAsync("""
            { "subscribers": [ { "id": "ana", "email": "ana@example.org", "name": "Ana", "terms": ["aiact"], "cadence": "weekly",
                "at": "18:30", "day": "friday", "timeZone": "America/New_York", "state": "paused",
                "quietHours": { "from": "22:00", "until": "07:00" } } ] }
            """);

        var ana = Assert.Single(subscribers);
        Assert.Equal(("ana", "ana@example.org", "Ana"), (ana.Id, ana.Email, ana.Name));
        Assert.Equal(["aiact"], ana.Terms!);
        Assert.Equal((Cadence.Weekly, new TimeOnly(18, 30), DayOfWeek.Friday), (ana.Cadence, ana.At, ana.Day));
        Assert.Equal(("America/New_York", SubscriberState.Paused), (ana.TimeZone, ana.State));
        Assert.Equal(new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)), ana.QuietHours);
    }

    [Fact]
    public async Task Defaults_are_every_term_daily_at_0800_utc_active_without_quiet_hours()
    {
        var ana = Assert.Single(await ReadAsync("""{ "subscribers": [ { "id": "ana", "email": "ana@example.org" } ] }"""));

        Assert.Null(ana.Terms);
        Assert.True(ana.Follows("anything"));
        Assert.Equal((Cadence.Daily, new TimeOnly(8, 0), "UTC", SubscriberState.Active), (ana.Cadence, ana.At, ana.TimeZone, ana.State));
        Assert.Null(ana.QuietHours);
    }

    [Theory]
    [InlineData("\"email\": \"ana.example.org\"", "email 'ana.example.org' is not a valid address")]
    [InlineData("\"email\": \"ana@example\"", "email 'ana@example' is not a valid address")]
    [InlineData("\"email\": \"Ana <ana@example.org>\"", "is not a valid address")]
    [InlineData("\"email\": \"ana@example.org\\r\\nBcc: eve@example.org\"", "is not a valid address")]
    [InlineData("\"email\": \"ana@example.org\", \"timeZone\": \"Europe/Pariss\"", "time zone 'Europe/Pariss' is unknown (use an IANA name such as Europe/Paris)")]
    [InlineData("\"email\": \"ana@example.org\", \"cadence\": \"monthly\"", "cadence 'monthly' is not one of immediate, hourly, daily, weekly")]
    [InlineData("\"email\": \"ana@example.org\", \"at\": \"25:00\"", "at '25:00' is not a time such as 08:00")]
    [InlineData("\"email\": \"ana@example.org\", \"day\": \"someday\"", "day 'someday' is not a day of the week")]
    [InlineData("\"email\": \"ana@example.org\", \"state\": \"gone\"", "state 'gone' is not one of active, paused, unsubscribed")]
    [InlineData("\"email\": \"ana@example.org\", \"quietHours\": { \"from\": \"22:00\" }", "quiet hours until is required")]
    [InlineData("\"email\": \"ana@example.org\", \"quietHours\": { \"from\": \"22h\", \"until\": \"07:00\" }", "quiet hours from '22h' is not a time such as 08:00")]
    [InlineData("\"email\": \"ana@example.org\", \"quietHours\": { \"from\": \"07:00\", \"until\": \"07:00\" }", "empty window")]
    public async Task An_invalid_entry_rejects_the_file_with_the_entry_named_and_why(string fields, string message)
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => ReadAsync($$"""{ "subscribers": [ { "id": "ok", "email": "ok@example.org" }, { "id": "ana", {{fields}} } ] }"""));

        Assert.Contains("subscribers[1] ('ana')", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Every_problem_of_an_entry_is_reported_at_once()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => ReadAsync("""{ "subscribers": [ { "email": "nope", "timeZone": "Mars/Olympus" } ] }"""));

        Assert.Contains("id is required", error.Message);
        Assert.Contains("email 'nope'", error.Message);
        Assert.Contains("time zone 'Mars/Olympus'", error.Message);
    }

    [Fact]
    public async Task Merging_the_file_again_does_not_undo_an_unsubscribe()
    {
        using var host = new DigestTestHost(DateTimeOffset.UnixEpoch);
        var importer = host.Get<StoreImporter>();
        var store = host.Get<ISubscriberStore>();
        var file = await ReadAsync("""{ "subscribers": [ { "id": "ana", "email": "ana@example.org", "cadence": "hourly" } ] }""");
        await importer.ImportSubscribersAsync(file);
        await store.UpsertSubscriberAsync((await store.GetSubscriberAsync("ana"))! with { State = SubscriberState.Unsubscribed });

        await importer.ImportSubscribersAsync(file);

        var ana = (await store.GetSubscriberAsync("ana"))!;
        Assert.Equal((SubscriberState.Unsubscribed, Cadence.Hourly), (ana.State, ana.Cadence));
    }

    [Fact]
    public async Task Quiet_hours_and_state_survive_the_store()
    {
        using var host = new DigestTestHost(DateTimeOffset.UnixEpoch);
        var store = host.Get<ISubscriberStore>();
        var ana = new Subscriber { Id = "ana", Email = "ana@example.org", State = SubscriberState.Paused, QuietHours = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)) };

        await store.UpsertSubscriberAsync(ana);

        Assert.Equal(ana, await store.GetSubscriberAsync("ana"));
    }

    private static async Task<IReadOnlyList<Subscriber>> ReadAsync(string json) =>
        await SubscribersFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));
}
