using NewsMonitor.Matching;
using Xunit.Abstractions;

namespace NewsMonitor.Tests.WatchlistQuality;

/// <summary>
/// The shipped default watchlist measured on the labelled evaluation set (our own articles written in
/// the style of French and English press): each term must keep precision and recall at 0.95 or more.
/// The table is printed (see README, "Watchlist quality") and is the failure message.
/// </summary>
public sealed class DefaultWatchlistQualityTests(ITestOutputHelper output)
{
    private const double Floor = 0.95;
    private static readonly string[] DefaultTerms = ["mistral", "commission", "aiact"];
    private static readonly string[] Languages = ["fr", "en"];
    private static readonly string WatchlistPath = Path.Combine(AppContext.BaseDirectory, "defaults", "watchlist.json");

    [Fact]
    public async Task Every_default_term_keeps_precision_and_recall_of_at_least_95_percent()
    {
        var terms = await WatchlistFile.LoadAsync(WatchlistPath);
        var set = EvaluationSet.Load(EvaluationSet.DefaultPath);

        var scores = TermScore.Measure(CompiledWatchlist.Compile(terms), terms.Select(t => t.Id), set);

        var table = TermScore.Table(scores);
        output.WriteLine($"{set.Articles.Count} articles");
        output.WriteLine(table);
        Assert.Equal(DefaultTerms, scores.Select(s => s.TermId));
        Assert.True(scores.All(s => s.Precision >= Floor && s.Recall >= Floor), $"below {Floor} on the evaluation set:\n{table}");
    }

    [Fact]
    public void The_set_has_45_true_and_45_look_alike_articles_per_term_in_both_languages()
    {
        var set = EvaluationSet.Load(EvaluationSet.DefaultPath);

        Assert.True(set.Articles.Count >= 330, $"{set.Articles.Count} articles");
        Assert.Equal(set.Articles.Count, set.Articles.Select(a => a.Id).Distinct().Count());
        Assert.All(set.Articles.SelectMany(a => a.Labels), label => Assert.Contains(label, DefaultTerms));
        Assert.All(set.Articles, a => Assert.Contains(a.Language, Languages));
        foreach (var term in DefaultTerms)
        {
            var trueOnes = set.Articles.Where(a => a.Labels.Contains(term)).ToList();
            var lookAlikes = set.Articles.Where(a => a.KindTerm == term && a.IsLookAlike).ToList();
            Assert.True(trueOnes.Count >= 45, $"{term}: {trueOnes.Count} true articles");
            Assert.True(lookAlikes.Count >= 45, $"{term}: {lookAlikes.Count} look-alikes");
            Assert.All(Languages, lang => Assert.Contains(trueOnes, a => a.Language == lang));
            Assert.All(Languages, lang => Assert.Contains(lookAlikes, a => a.Language == lang));
        }
    }

    [Fact]
    public async Task The_article_on_favourable_winds_for_Mistral_AI_is_a_Mistral_AI_match()
    {
        var watchlist = CompiledWatchlist.Compile(await WatchlistFile.LoadAsync(WatchlistPath));
        var seed = EvaluationSet.Load(EvaluationSet.DefaultPath).Articles
            .Single(a => a.Text.Title.StartsWith("Les vents sont toujours aussi favorables pour la plateforme Mistral AI", StringComparison.Ordinal));

        Assert.Contains("mistral", seed.Labels);
        Assert.Contains(watchlist.Match(seed.Text), match => match.TermId == "mistral");
    }

    [Theory]
    [InlineData("La start-up Mistral lance un nouveau modèle", "mistral")]
    [InlineData("Le Chat de Mistral arrive sur Android", "mistral")]
    [InlineData("Arthur Mensch (Mistral) défend l'open source", "mistral")]
    [InlineData("Mistral Large 3 disponible sur Azure", "mistral")]
    [InlineData("Magistral : le raisonnement selon Mistral", "mistral")]
    [InlineData("Codestral, Pixtral et Devstral mis à jour", "mistral")]
    [InlineData("Le mistral souffle fort sur Marseille. Par ailleurs, l'IA générative transforme les rédactions.", null)]
    [InlineData("Mistral wind batters Provence. Elsewhere, AI start-ups raised record sums this week.", null)]
    [InlineData("Un cours magistral sur l'IA à la Sorbonne", null)]
    [InlineData("Bruxelles inflige une amende à Google. La Commission reproche au groupe d'avoir favorisé ses services.", "commission")]
    [InlineData("La Commission de Venise rend un avis sur la Hongrie", null)]
    [InlineData("The European Commission fined Apple €1,800,000,000 over music streaming", "commission")]
    [InlineData("The European Commission unveiled its European Democracy Shield against foreign interference", "commission")]
    [InlineData("The European Commission's economic forecast sees growth slowing in the euro area", "commission")]
    [InlineData("The European Commission and the African Union agreed on a new vaccine partnership", "commission")]
    [InlineData("The African Union Commission met in Addis Ababa", null)]
    [InlineData("La Commission européenne pour la démocratie par le droit critique la réforme", null)]
    [InlineData("The Colorado AI Act is delayed again", null)]
    [InlineData("The Colorado AI Act and the EU AI Act compared", "aiact")]
    [InlineData("Le règlement (UE) 2024/1689 s'applique aux modèles d'usage général", "aiact")]
    public async Task Common_phrasings_match_the_right_term(string content, string? term)
    {
        var watchlist = CompiledWatchlist.Compile(await WatchlistFile.LoadAsync(WatchlistPath));

        var matched = watchlist.Match(new ArticleText("", "", content)).Select(m => m.TermId);

        Assert.Equal(term is null ? [] : [term], matched);
    }
}
