using NewsMonitor.Digests;
using NewsMonitor.Storage;
using static NewsMonitor.Tests.Digests.DigestTestHost;

namespace NewsMonitor.Tests.Digests;

/// <summary>A digest's wording (subject, headings, dates, footer, unsubscribe) is in the subscriber's language.</summary>
public sealed class DigestLanguageTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Digest TwoStories(Subscriber subscriber, Article? alsoReported = null)
    {
        var first = new DigestItem(Article("a", "Le AI Act entre en vigueur", Noon, source: "Le Monde"), [Terms[0]], []) { AlsoReportedBy = alsoReported is null ? [] : [alsoReported] };
        var second = new DigestItem(Article("b", "Mistral lève des fonds", Noon.AddHours(-1), source: "AFP"), [Terms[1]], []);
        return DigestBuilder.Build(subscriber, [first, second], Terms, maxArticles: 1) with { Date = Noon };
    }

    [Fact]
    public void A_subscriber_in_paris_reads_french_without_choosing_it()
    {
        var zoe = new Subscriber { Id = "zoe", Email = "zoe@example.org", TimeZone = "Europe/Paris", Cadence = Cadence.Weekly, Day = DayOfWeek.Monday };

        var digest = TwoStories(zoe, Article("c", "AI Act", Noon, source: "Reuters"));
        var links = LinksFor("zoe", Noon);
        var text = DigestTextRenderer.Render(digest, links);
        var html = DigestHtmlRenderer.Render(digest, links);

        Assert.Equal("fr", DigestWording.LanguageOf(zoe));
        Assert.Equal("2 nouveaux : AI Act (1), Mistral (1)", digest.Subject);
        Assert.Contains("lundi 23 novembre 2026", text);
        Assert.Contains("Le Monde · 23 nov. 2026 13:00", text);
        Assert.Contains("Également publié par Reuters", text);
        Assert.Contains("1 autres non affichés (ce résumé donne les 1 plus récents).", text);
        Assert.Contains("Vous recevez ce résumé chaque lundi à 08:00 parce que vous suivez ces termes sur News Monitor. Heures de Europe/Paris.", text);
        Assert.Contains("Se désabonner: " + links.Unsubscribe, text);
        Assert.Contains("Ne plus recevoir d’alertes pour AI Act: " + links.StopTerm("aiact"), text);
        Assert.Contains("Pas pertinent: " + links.NotRelevant("aiact", "a"), text);
        Assert.Contains("Changer la fréquence: " + links.ChangeCadence, text);
        Assert.Contains(">Ne plus recevoir d’alertes pour AI Act</a>", html);
        Assert.Contains(">Pas pertinent</a>", html);
        Assert.Contains(">Changer la fréquence</a>", html);
        Assert.DoesNotContain("Not relevant", html);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains(">Se désabonner</a>", html);
        Assert.DoesNotContain("Unsubscribe<", html);
    }

    [Fact]
    public void English_when_chosen_or_when_the_zone_is_not_a_french_speaking_one()
    {
        var paris = new Subscriber { Id = "ana", Email = "ana@example.org", TimeZone = "Europe/Paris", Language = "en" };
        var london = new Subscriber { Id = "bob", Email = "bob@example.org", TimeZone = "Europe/London" };

        var digest = TwoStories(paris);
        var links = LinksFor("ana", Noon);
        var text = DigestTextRenderer.Render(digest, links);

        Assert.Equal("en", DigestWording.LanguageOf(london));
        Assert.Equal("2 new: AI Act (1), Mistral (1)", digest.Subject);
        Assert.Contains("Monday 23 November 2026", text);
        Assert.Contains("You receive this digest daily at 08:00", text);
        Assert.Contains("Unsubscribe: " + links.Unsubscribe, text);
        Assert.Contains("Stop alerts for AI Act: " + links.StopTerm("aiact"), text);
        Assert.Equal("2 new: AI Act (1), Mistral (1)", TwoStories(london).Subject);
    }

    [Fact]
    public void The_subscribers_file_takes_a_language_and_refuses_one_it_does_not_know()
    {
        var entry = new SubscribersFile.Entry("ana", "ana@example.org", null, null, null, null, null, "Europe/London", Language: "FR");

        Assert.Equal("fr", SubscribersFile.ToSubscriber(entry, 0).Language);
        var error = Assert.Throws<FormatException>(() => SubscribersFile.ToSubscriber(entry with { Language = "de" }, 0));
        Assert.Equal("subscribers[0] ('ana'): language 'de' is not one of en, fr (or leave it out to choose from the time zone)", error.Message);
    }
}
