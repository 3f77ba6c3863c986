using System.Globalization;
using System.Text;

namespace NewsMonitor.Benchmarks.Feeds;

/// <summary>
/// Deterministic feeds that look like news feeds: RSS 2.0, 50 items each with a title, a link carrying
/// tracking parameters, a GUID, a date, categories and a two-paragraph HTML description (about 90 words).
/// Every tenth feed repeats five items of the previous one, as outlets sharing a wire do. Words come from a
/// 6,000-word vocabulary drawn with Zipf's law, as in real text, the commonest ranks being real English
/// function words (a tiny vocabulary would make every article resemble every other to the story index).
/// </summary>
internal static class FeedCorpus
{
    private static readonly string[] Syllables = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo", "tra", "ber", "min", "gon", "pel", "dar"];
    private static readonly string[] Words = Vocabulary(6000);

    public static string Rss(int feed, int items, DateTimeOffset published)
    {
        var random = new Random(feed);
        var rss = new StringBuilder(64 * 1024);
        rss.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Outlet {feed}</title><link>https://outlet{feed}.example/</link><description>News</description><ttl>15</ttl>

            """);
        for (var item = 0; item < items; item++)
        {
            var (source, number) = feed % 10 == 9 && item < 5 ? (feed - 1, item) : (feed, item);
            var itemRandom = new Random((source * 1000) + number);
            rss.Append(CultureInfo.InvariantCulture, $"""
                <item><title>{Sentence(itemRandom, 9)}</title>
                <link>https://outlet{source}.example/2026/11/story-{number}?utm_source=rss&amp;utm_medium=feed&amp;feed={feed}</link>
                <guid isPermaLink="false">outlet{source}-{number}</guid>
                <pubDate>{published.AddMinutes(-number - random.Next(5)).ToString("R", CultureInfo.InvariantCulture)}</pubDate>
                <category>{Zipf(itemRandom)}</category>
                <description>&lt;p&gt;{Sentence(itemRandom, 45)}&lt;/p&gt;&lt;p&gt;{Sentence(itemRandom, 45)} &lt;a href="/more"&gt;Read more&lt;/a&gt;&lt;/p&gt;</description></item>

                """);
        }

        return rss.Append("</channel></rss>\n").ToString();
    }

    private static string Sentence(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            text.Append(i == 0 ? "" : " ").Append(Zipf(random));
        }

        text[0] = char.ToUpperInvariant(text[0]);
        return text.Append('.').ToString();
    }

    /// <summary>A word whose rank r is drawn with probability about 1/r.</summary>
    private static string Zipf(Random random) => Words[(int)Math.Pow(Words.Length, random.NextDouble()) - 1];

    private static string[] Vocabulary(int size)
    {
        var random = new Random(42);
        var words = new HashSet<string>(
            "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if".Split(' '),
            StringComparer.Ordinal);
        while (words.Count < size)
        {
            var word = new StringBuilder();
            for (var s = random.Next(1, 4); s >= 0; s--)
            {
                word.Append(Syllables[random.Next(Syllables.Length)]);
            }

            words.Add(word.ToString());
        }

        return [.. words];
    }
}
