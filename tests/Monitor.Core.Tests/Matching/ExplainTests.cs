using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Tests.Matching;

/// <summary>Why a query matched an article or not: each node true or false, and where in the text.</summary>
public sealed class ExplainTests
{
    private const string Seed = "Les vents sont toujours aussi favorables pour la plateforme Mistral AI.";

    [Fact]
    public void Names_the_word_that_excluded_the_whole_article()
    {
        var explanation = QueryExplainer.Explain("Mistral -(vent OR vents)", false, new ArticleText("", "", Seed));

        Assert.False(explanation.Matched);
        var and = explanation.Query;
        Assert.Equal(("and", false), (and.Kind, and.IsTrue));
        var mistral = and.Operands[0];
        Assert.Equal(("word", "mistral", true), (mistral.Kind, mistral.Text, mistral.IsTrue));
        Assert.Equal([new TextSpan(ArticleField.Content, 60, 7, "Mistral")], mistral.Found);
        var not = and.Operands[1];
        Assert.Equal(("not", false), (not.Kind, not.IsTrue));
        Assert.Equal([new TextSpan(ArticleField.Content, 4, 5, "vents")], not.Found);
        Assert.Contains("\"vents\"", not.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_occurrence_an_exclusion_removed_and_what_removed_it()
    {
        var article = new ArticleText("The Colorado AI Act", "", "Unlike the EU AI Act.");

        var explanation = QueryExplainer.Explain("\"AI Act\" NOT NEAR/2 (Colorado OR Texas)", false, article);

        Assert.True(explanation.Matched);
        var notNear = explanation.Query;
        Assert.Equal("notNear", notNear.Kind);
        Assert.Equal([new TextSpan(ArticleField.Content, 14, 6, "AI Act")], notNear.Found);
        var excluded = Assert.Single(notNear.Excluded);
        Assert.Equal(new TextSpan(ArticleField.Title, 13, 6, "AI Act"), excluded.Occurrence);
        Assert.Equal(new TextSpan(ArticleField.Title, 4, 8, "Colorado"), excluded.ExcludedBy);
        Assert.Equal(0, excluded.WordsBetween);
        Assert.Equal(2, notNear.Operands[0].Found.Count);
        Assert.Equal(("or", true), (notNear.Operands[1].Kind, notNear.Operands[1].IsTrue));
    }

    [Fact]
    public void Says_how_far_apart_the_words_of_a_failed_near_were()
    {
        var article = new ArticleText("", "", "La Commission a infligé hier à Apple une amende. L'amende, énorme.");

        var explanation = QueryExplainer.Explain("Commission NEAR/3 amende", false, article);

        Assert.False(explanation.Matched);
        var near = explanation.Query.Near!;
        Assert.Equal((3, 6), (near.Allowed, near.Closest));
        Assert.Equal("Commission", near.Left!.Text);
        Assert.Equal((ArticleField.Content, 41), (near.Right!.Field, near.Right.Start));
        Assert.Contains("6 words apart", explanation.Query.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_which_side_of_a_near_is_missing()
    {
        var explanation = QueryExplainer.Explain("Commission NEAR/3 amende", false, new ArticleText("", "", "La Commission"));

        Assert.Null(explanation.Query.Near!.Closest);
        Assert.Equal("false: the second side is not found", explanation.Query.Summary);
        Assert.Equal(("word", false, "not found"), (explanation.Query.Operands[1].Kind, explanation.Query.Operands[1].IsTrue, explanation.Query.Operands[1].Summary));
    }

    [Fact]
    public void Agrees_with_matching()
    {
        string[] queries = ["Mistral~ NOT NEAR/3 vent", "(Mistral NOT NEAR/3 (vent OR wind)) NEAR/12 (IA OR AI)", "\"Mistral AI\" OR (Mistral -vent)"];
        string[] texts = [Seed, "Le mistral souffle, vent fort. Mistrall IA", "Mistral AI", "Mistral et le vent"];
        foreach (var query in queries)
        {
            foreach (var text in texts)
            {
                var article = new ArticleText("", "", text);
                Assert.Equal(Watch.Compile(query).Match(article).Count == 1, QueryExplainer.Explain(query, false, article).Matched);
            }
        }
    }
}
