namespace NewsMonitor.Tests.Matching;

/// <summary>a NEAR/n b: at most n words between an occurrence of a and one of b, in either order.</summary>
public sealed class NearTests
{
    [Theory]
    [InlineData("Mistral x y Commission", true)]
    [InlineData("Mistral x y z Commission", false)]
    [InlineData("Commission x y Mistral", true)]
    [InlineData("Commission x y z Mistral", false)]
    [InlineData("Mistral Commission", true)]
    [InlineData("Commission Mistral", true)]
    [InlineData("Mistral x y z w Commission. Puis Mistral x Commission", true)]
    [InlineData("Mistral, l’IA et la Commission", false)]
    [InlineData("Mistral, l’IA, Commission", true)]
    [InlineData("Mistral", false)]
    [InlineData("Commission", false)]
    public void Counts_the_words_between_in_both_orders(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("Mistral NEAR/2 Commission", content));

    [Theory]
    [InlineData("Mistral Commission", true)]
    [InlineData("Commission Mistral", true)]
    [InlineData("Mistral, Commission", true)]
    [InlineData("Mistral et Commission", false)]
    public void Near_zero_means_adjacent(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("Mistral NEAR/0 Commission", content));

    [Theory]
    [InlineData("Mistral salue AI Act", true)]
    [InlineData("Mistral salue enfin AI Act", false)]
    [InlineData("l’AI Act, dit Mistral", true)]
    [InlineData("l’AI Act, dit encore Mistral", false)]
    [InlineData("AI Mistral Act", false)]
    public void Takes_phrases_as_operands(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("\"AI Act\" NEAR/1 Mistral", content));

    [Theory]
    [InlineData("Anthropic et la régulation", true)]
    [InlineData("Mistral face à l'AI Act", true)]
    [InlineData("l'AI Act vu par Mistral", true)]
    [InlineData("Mistral, puis un long détour, avant la régulation", false)]
    [InlineData("OpenAI et la régulation", false)]
    public void Takes_or_groups_and_prefixes_as_operands(string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches("(Mistral OR Anthropic) NEAR/3 (régul* OR \"AI Act\")", content));

    [Theory]
    [InlineData("\"AI Act\" NEAR/5 Act", "the AI Act", false)]
    [InlineData("\"AI Act\" NEAR/5 Act", "the AI Act and the Act", true)]
    [InlineData("Act NEAR/5 Act", "the Act", false)]
    [InlineData("Act NEAR/5 Act", "Act and Act", true)]
    public void An_occurrence_cannot_be_both_operands(string query, string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches(query, content));

    [Theory]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void Reaches_the_largest_distance(int wordsBetween, bool expected)
    {
        var content = "Mistral " + string.Concat(Enumerable.Repeat("mot ", wordsBetween)) + "Commission";

        Assert.Equal(expected, Watch.Matches("Mistral NEAR/50 Commission", content));
    }

    [Fact]
    public void Combines_with_other_operators()
    {
        const string query = "(Mistral NEAR/2 Commission) -amende";

        Assert.True(Watch.Matches(query, "Mistral et la Commission"));
        Assert.False(Watch.Matches(query, "Mistral et la Commission: une amende"));
    }
}
