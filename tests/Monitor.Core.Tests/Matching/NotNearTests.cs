using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

/// <summary>
/// x NOT NEAR/n y: an occurrence of x with no y within n words of it. Only the surviving occurrences
/// of x count, for the rest of the query and for highlights.
/// </summary>
public sealed class NotNearTests
{
    [Theory]
    [InlineData("the AI Act", true)]
    [InlineData("the Colorado AI Act", false)]
    [InlineData("the AI Act of Colorado", false)]
    [InlineData("the AI Act, unlike that of Colorado", true)]
    [InlineData("Colorado and Texas, and then the AI Act", true)]
    [InlineData("the Texas AI Act", false)]
    [InlineData("the Colorado AI Act and the EU AI Act", true)]
    [InlineData("Colorado", false)]
    public void Excludes_only_the_occurrences_with_the_word_nearby(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("\"AI Act\" NOT NEAR/2 (Colorado OR Texas)", content));

    [Theory]
    [InlineData("Les vents sont toujours aussi favorables pour la plateforme Mistral AI", true)]
    [InlineData("Le mistral, ce vent du nord, souffle sur l'IA", false)]
    [InlineData("Le mistral souffle. Plus loin dans l'article, bien après, on parle de la start-up et d'IA générative", false)]
    [InlineData("Le vent se lève enfin ici. Mistral lance un modèle d'IA", true)]
    public void Works_as_a_near_operand(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("(Mistral NOT NEAR/3 (vent OR wind OR souffle)) NEAR/12 (IA OR AI)", content));

    [Theory]
    [InlineData("Venice Commission", false)]
    [InlineData("the Commission", true)]
    [InlineData("the Commission x y z w Venice", true)]
    [InlineData("Commission de Venise", false)]
    [InlineData("la Commission européenne pour la démocratie par le droit", false)]
    public void Counts_words_either_side(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("Commission NOT NEAR/3 (Venise OR Venice OR \"démocratie par le droit\")", content));

    [Theory]
    [InlineData("Commission de Venise", false)]
    [InlineData("Commission européenne", true)]
    public void An_overlapping_exclusion_is_within_reach(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("Commission NOT NEAR/0 \"Commission de Venise\"", content));

    [Theory]
    [InlineData("Mistral AI lance", true)]
    [InlineData("Mistral AI et le vent", true)]
    [InlineData("Mistral AI, le vent", false)]
    [InlineData("Mistral, le vent, et beaucoup plus loin AI", false)]
    public void Takes_a_near_as_the_excluded_occurrence(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("(Mistral NEAR/6 AI) NOT NEAR/1 vent", content));

    [Theory]
    [InlineData("AI Act", true)]
    [InlineData("AI Act Colorado", false)]
    [InlineData("AI Act Texas", false)]
    [InlineData("Mistral", true)]
    public void Chains_and_nests_inside_or(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("\"AI Act\" NOT NEAR/1 Colorado NOT NEAR/1 Texas OR Mistral", content));

    [Fact]
    public void Highlights_only_the_surviving_occurrences()
    {
        var article = new ArticleText("", "", "The Colorado AI Act differs from the EU AI Act.");

        Assert.Equal(["Content:AI Act"], Watch.Highlighted("\"AI Act\" NOT NEAR/2 Colorado", article));
        Assert.Equal(40, Watch.Compile("\"AI Act\" NOT NEAR/2 Colorado").Match(article)[0].Highlights[0].Start);
    }

    [Fact]
    public void Highlights_the_operands_of_a_surviving_near_apart()
    {
        var article = new ArticleText("", "", "Mistral et son AI. Le vent: Mistral AI");

        Assert.Equal(["Content:Mistral", "Content:AI"], Watch.Highlighted("(Mistral NEAR/3 AI) NOT NEAR/0 vent", article));
    }

    [Fact]
    public void Only_surviving_occurrences_reach_the_near_around_it()
    {
        var article = new ArticleText("", "", "le vent Mistral AI, puis Mistral. La fin.");

        Assert.Empty(Watch.Highlighted("(Mistral NOT NEAR/1 vent) NEAR/0 AI", article));
        Assert.Equal(["Content:AI", "Content:Mistral"], Watch.Highlighted("(Mistral NOT NEAR/1 vent) NEAR/3 AI", article));
    }

    [Fact]
    public void Plain_not_still_excludes_the_whole_article()
    {
        Assert.False(Watch.Matches("Mistral NOT vent", "Le vent souffle fort ce matin. Mistral AI lève des fonds."));
        Assert.True(Watch.Matches("Mistral NOT NEAR/2 vent", "Le vent souffle fort ce matin. Mistral AI lève des fonds."));
    }
}
