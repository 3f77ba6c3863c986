using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Storage;

/// <summary>
/// Stored documents written before the build-time JSON metadata (by reflection) and after it must be the same text:
/// an upgraded process reads what the last one wrote, and several processes of two versions can share a store.
/// </summary>
public sealed class StorageJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions ByReflection = new(StorageJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static readonly object[] All =
    [
        new Subscriber
        {
            Id = "ana", Email = "ana@example.org", Name = "Ana", Terms = ["mistral", "aiact"], Cadence = Cadence.Weekly, At = new TimeOnly(7, 15),
            Day = DayOfWeek.Thursday, TimeZone = "Europe/Paris", State = SubscriberState.Paused, Language = "fr", QuietHours = new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)),
        },
        new Subscriber { Id = "bob", Email = "bob@example.org" },
        new TermMatchRecord { ArticleId = "a1", TermId = "aiact", MatchedAt = T0, Highlights = [new HighlightSpan(ArticleField.Summary, 3, 6), new HighlightSpan(ArticleField.Content, 0, 2)] },
        new List<HighlightSpan> { new(ArticleField.Title, 0, 7) },
        new Article
        {
            Id = "a1", FeedId = "f1", Url = "https://a.example/1", Guid = "g1", Title = "L’adoption de l’IA Act", Summary = "Résumé", Content = "Texte « complet »",
            Author = "Zoé", Published = T0.AddHours(-1), FetchedAt = T0, StoryKey = "a0", Source = "Le Monde",
        },
        new DigestRecord { SubscriberId = "ana", Period = "story-a0", Status = DigestStatus.Sending, ItemCount = 3, UpdatedAt = T0, MessageId = "<m@x>", ClaimedAt = T0, LastError = "HTTP 429" },
        new WatchTerm { Id = "aiact", Name = "AI Act", Query = "\"AI Act\" OR \"IA Act\"", MatchCase = true, Enabled = false },
        new FeedSource
        {
            Id = "f1", Url = "https://a.example/feed", Title = "A", SiteUrl = "https://a.example/", Enabled = false, Folder = "News/France", Interval = TimeSpan.FromMinutes(45),
            ETag = "\"e1\"", LastModified = "Mon, 23 Nov 2026 09:00:00 GMT", TimeToLive = TimeSpan.FromHours(1),
            Health = new FeedHealth { LastAttemptAt = T0, LastSuccessAt = T0.AddHours(-2), LastError = "HTTP 404", ConsecutiveFailures = 2, Note = "site URL", NextCheckAt = T0.AddHours(1) },
        },
        new ArticleFeedback("ana", "aiact", "a1", "https://a.example/1", "Titre", T0),
    ];

    public static TheoryData<object> Documents() => new(All);

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_stored_document_is_written_as_reflection_wrote_it_and_reads_back_whole(object document)
    {
        var type = document.GetType();
        var json = JsonSerializer.Serialize(document, type, StorageJson.Options);

        Assert.Equal(JsonSerializer.Serialize(document, type, ByReflection), json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, StorageJson.Options), type, ByReflection));
    }

    [Fact]
    public void The_stored_types_do_not_fall_back_to_reflection()
    {
        foreach (var document in All)
        {
            Assert.NotNull(StorageJsonContext.Default.GetTypeInfo(document.GetType()));
        }
    }
}
