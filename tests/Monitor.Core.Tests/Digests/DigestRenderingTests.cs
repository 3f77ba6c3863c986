using HtmlAgilityPack;
using NewsMonitor.Digests;
using NewsMonitor.Storage;
using static NewsMonitor.Tests.Digests.DigestTestHost;

namespace NewsMonitor.Tests.Digests;

public sealed class DigestRenderingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Subscriber Ana = new() { Id = "ana", Email = "ana@example.org", TimeZone = "Europe/Paris", Cadence = Cadence.Daily, Language = "en" };
    private static readonly DigestLinks Links = LinksFor("ana", Noon);

    private static Digest DigestOf(Subscriber subscriber, params DigestItem[] items) => DigestBuilder.Build(subscriber, items, Terms);

    private static DigestItem Matched(Article article, string word, params WatchTerm[] terms)
    {
        var spans = new List<HighlightSpan>();
        foreach (var (field, text) in new[] { (ArticleField.Title, article.Title), (ArticleField.Summary, article.Summary) })
        {
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                spans.Add(new HighlightSpan(field, at, word.Length));
            }
        }

        return new DigestItem(article, terms.Length > 0 ? terms : [Terms[0]], spans);
    }

    [Fact]
    public void Feed_markup_in_a_title_or_summary_is_shown_as_text()
    {
        var article = Article("a", "<script>alert(1)</script> AI Act & co", Noon, summary: "<img src=x onerror=alert(1)> \"AI Act\" & 'more'", source: "<b>Gazette</b>");

        var html = DigestHtmlRenderer.Render(DigestOf(Ana, Matched(article, "AI Act")));
        var text = DigestTextRenderer.Render(DigestOf(Ana, Matched(article, "AI Act")));

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; <strong", html);
        Assert.Contains("&amp; co", html);
        Assert.Contains("&lt;b&gt;Gazette&lt;/b&gt;", html);
        var page = Parse(html);
        Assert.Contains("<script>alert(1)</script> AI Act & co", HtmlEntity.DeEntitize(Node(page, "//h2/following-sibling::div//a").InnerText));
        Assert.Contains("* <script>alert(1)</script> AI Act & co", text);
    }

    [Fact]
    public void Only_web_links_become_links()
    {
        var script = Article("a", "AI Act script", Noon, url: "javascript:alert(document.cookie)", storyKey: "s");
        var data = Article("b", "AI Act data", Noon.AddMinutes(-1), url: "data:text/html,<script>1</script>", storyKey: "s");
        var web = Article("c", "AI Act web", Noon.AddMinutes(-2));

        var html = DigestHtmlRenderer.Render(DigestOf(Ana, Matched(script, "AI Act"), Matched(data, "AI Act"), Matched(web, "AI Act")));

        Assert.Equal(["https://news.example/c"], Hrefs(html));
        Assert.Contains("AI Act</strong> data", html);
        Assert.Contains("Also reported by <span", html);
    }

    [Fact]
    public void Each_article_has_its_linked_title_source_local_time_labels_and_highlighted_snippet()
    {
        var article = Article("a", "Mistral and the AI Act", Noon, summary: "Paris start-up Mistral said the AI Act was workable.", source: "Le Monde");
        var both = Matched(article, "Mistral", Terms[0], Terms[1]) with { Highlights = [.. Matched(article, "Mistral").Highlights, .. Matched(article, "AI Act").Highlights] };

        var paris = Parse(DigestHtmlRenderer.Render(DigestOf(Ana, both)));
        var newYork = DigestHtmlRenderer.Render(DigestOf(Ana with { TimeZone = "America/New_York" }, both));

        var link = Node(paris, "//a[@href='https://news.example/a']");
        Assert.Equal("Mistral and the AI Act", link.InnerText);
        Assert.Equal(["Mistral", "AI Act"], link.Elements("strong").Select(n => n.InnerText));
        var text = HtmlEntity.DeEntitize(paris.DocumentNode.InnerText);
        Assert.Contains("Le Monde · 23 Nov 2026 13:00", text);
        Assert.Contains("Le Monde · 23 Nov 2026 07:00", HtmlEntity.DeEntitize(Parse(newYork).DocumentNode.InnerText));
        Assert.Equal(["Mistral", "AI Act", "Mistral", "AI Act"], Nodes(paris, "//strong").Select(n => n.InnerText));
        Assert.Contains("said the ", text);
        Assert.Equal(["AI Act", "Mistral"], Nodes(paris, "//span[contains(@style,'#e0e7ff')]").Select(n => n.InnerText));
    }

    [Fact]
    public void Other_reports_of_a_story_are_listed_with_their_links()
    {
        var first = Article("lemonde", "Mistral lève 2 milliards", Noon.AddHours(-2), source: "Le Monde", storyKey: "s");
        var second = Article("reuters", "Mistral raises $2bn", Noon, source: "Reuters", storyKey: "s");

        var digest = DigestOf(Ana, Matched(first, "Mistral"), Matched(second, "Mistral"));
        var html = Parse(DigestHtmlRenderer.Render(digest));
        var text = DigestTextRenderer.Render(digest);

        Assert.Equal("Reuters", Node(html, "//a[@href='https://news.example/reuters']").InnerText);
        Assert.Contains("Also reported by Reuters", HtmlEntity.DeEntitize(html.DocumentNode.InnerText));
        Assert.Contains("  Also reported by Reuters: https://news.example/reuters", text);
        Assert.Equal(2, Count(text, "Mistral lève")); // the subject (one story: its headline) and the entry
        Assert.Equal(0, Count(text, "Mistral raises"));
    }

    [Fact]
    public void The_html_part_has_inline_styles_and_no_external_asset_and_fits_a_phone()
    {
        var html = DigestHtmlRenderer.Render(DigestOf(Ana, Matched(Article("a", "AI Act", Noon), "AI Act")), Links);
        var page = Parse(html);

        Assert.DoesNotContain(page.DocumentNode.Descendants(), n => n.Name is "style" or "link" or "img" or "script" or "iframe");
        Assert.DoesNotContain(page.DocumentNode.Descendants(), n => n.Attributes.Contains("src") || n.Attributes.Contains("class"));
        Assert.Contains("width=device-width", html);
        Assert.Contains("max-width:640px", html);
        Assert.Empty(page.ParseErrors);
    }

    [Fact]
    public void The_text_part_reads_on_its_own()
    {
        var article = Article("a", "Mistral and\nthe AI Act", Noon, summary: "Mistral said\r\nthe AI Act was workable.", source: "Le Monde");

        var text = DigestTextRenderer.Render(DigestOf(Ana, Matched(article, "AI Act")) with { Date = Noon }, Links);

        Assert.Equal(
            $$"""
            Mistral and the AI Act
            Monday 23 November 2026

            AI ACT
            ======
            Stop alerts for AI Act: {{Links.StopTerm("aiact")}}

            * Mistral and the AI Act
              Le Monde · 23 Nov 2026 13:00 · AI Act
              https://news.example/a
              Mistral said the AI Act was workable.
              Not relevant: {{Links.NotRelevant("aiact", "a")}}

            -- 
            You receive this digest daily at 08:00 because you follow these terms on News Monitor. Times are Europe/Paris time.
            Change how often: {{Links.ChangeCadence}}
            Unsubscribe: {{Links.Unsubscribe}}

            """.ReplaceLineEndings(),
            text);
    }

    [Fact]
    public void Beyond_the_cap_both_parts_say_how_many_more()
    {
        var items = Enumerable.Range(0, 4).Select(i => Matched(Article($"a{i}", $"AI Act {i}", Noon.AddMinutes(-i)), "AI Act")).ToList();
        var digest = DigestBuilder.Build(Ana, items, Terms, maxArticles: 3);

        Assert.Contains("1 more not shown (this digest lists the 3 newest).", DigestHtmlRenderer.Render(digest));
        Assert.Contains("1 more not shown (this digest lists the 3 newest).", DigestTextRenderer.Render(digest));
        Assert.DoesNotContain("AI Act 3", DigestTextRenderer.Render(digest));
    }

    [Fact]
    public void Both_parts_carry_a_stop_link_per_term_a_not_relevant_link_per_entry_and_the_cadence_and_unsubscribe_links()
    {
        var digest = DigestOf(
            Ana,
            Matched(Article("a", "AI Act", Noon), "AI Act"),
            Matched(Article("b", "Mistral and the AI Act", Noon.AddMinutes(-5)), "Mistral", Terms[1], Terms[0]),
            Matched(Article("c", "Mistral funding", Noon.AddMinutes(-9)), "Mistral", Terms[1]));

        var hrefs = Hrefs(DigestHtmlRenderer.Render(digest, Links));
        var text = DigestTextRenderer.Render(digest, Links);

        // An entry's report is for the term it is listed under: b matched both terms and is listed once, under AI Act.
        string[] expected =
        [
            Links.StopTerm("aiact"), Links.StopTerm("mistral"), Links.ChangeCadence, Links.Unsubscribe,
            .. digest.Sections.SelectMany(section => section.Items.Select(item => Links.NotRelevant(section.Term.Id, item.Article.Id))),
        ];
        Assert.Equal(3, digest.Sections.Sum(s => s.Items.Count));
        foreach (var link in expected)
        {
            Assert.StartsWith("https://monitor.example/api/", link);
            Assert.Contains(link, hrefs);
            Assert.Contains(": " + link + Environment.NewLine, text);
        }

        Assert.Equal(expected.Length, hrefs.Count(h => h.StartsWith("https://monitor.example/", StringComparison.Ordinal)));
        Assert.Contains(Links.NotRelevant("aiact", "b"), hrefs);
        Assert.DoesNotContain(Links.NotRelevant("mistral", "b"), hrefs);
        Assert.Contains("Stop alerts for AI Act: " + Links.StopTerm("aiact"), text);
        Assert.Contains("Change how often: " + Links.ChangeCadence, text);
    }

    private static HtmlDocument Parse(string html)
    {
        var document = new HtmlDocument { OptionCheckSyntax = true };
        document.LoadHtml(html);
        return document;
    }

    private static HtmlNode Node(HtmlDocument document, string xpath) =>
        document.DocumentNode.SelectSingleNode(xpath) ?? throw new Xunit.Sdk.XunitException($"no {xpath} in the HTML");

    private static List<HtmlNode> Nodes(HtmlDocument document, string xpath) => document.DocumentNode.SelectNodes(xpath)?.ToList() ?? [];

    private static List<string> Hrefs(string html) =>
        Nodes(Parse(html), "//a[@href]").Select(a => HtmlEntity.DeEntitize(a.GetAttributeValue("href", ""))).ToList();

    private static int Count(string text, string value) => (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
