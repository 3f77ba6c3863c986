using NewsMonitor.Matching;

namespace NewsMonitor.Tests.Matching;

/// <summary>
/// A number written with group separators or decimals is one word, for matching and for NEAR
/// distances; its separators are kept (every kind of space read as one), so 1,7 and 1.7 differ.
/// </summary>
public sealed class NumberTests
{
    [Theory]
    [InlineData("2024/1689", "le règlement (UE) 2024/1689", true)]
    [InlineData("\"règlement (UE) 2024/1689\"", "le règlement (UE) 2024/1689 sur l'IA", true)]
    [InlineData("2024", "le règlement (UE) 2024/1689", false)]
    [InlineData("2024*", "le règlement (UE) 2024/1689", true)]
    [InlineData("1689", "le règlement (UE) 2024/1689", false)]
    [InlineData("2024/1689", "les années 2024 / 1689", false)]
    [InlineData("\"1 000\"", "plus de 1\u00A0000 emplois", true)]
    [InlineData("\"1 000\"", "plus de 1\u202F000 emplois", true)]
    [InlineData("\"1 000\"", "plus de 1\u2009000 emplois", true)]
    [InlineData("\"1 000\"", "plus de 1 000 emplois", true)]
    [InlineData("\"1 000\"", "plus de 1 000 000 emplois", false)]
    [InlineData("\"1 000 000\"", "plus de 1 000 000 emplois", true)]
    [InlineData("1", "plus de 1 000 emplois", false)]
    [InlineData("1,7", "une hausse de 1,7 %", true)]
    [InlineData("1,7", "une hausse de 1.7 %", false)]
    [InlineData("1.7", "a 1.7% rise", true)]
    [InlineData("7", "a 1.7% rise", false)]
    [InlineData("2,424,495,000", "a fine of €2,424,495,000", true)]
    [InlineData("\"2 424 495 000\"", "une amende de 2 424 495 000 €", true)]
    [InlineData("1'000'000", "CHF 1'000'000", true)]
    [InlineData("2024", "en 2024, puis", true)]
    [InlineData("2024", "the years 2024, 2025 and 2026", true)]
    [InlineData("2025", "in 2024 2025 was", true)]
    [InlineData("100", "in 2024 100 people", true)]
    [InlineData("12", "the 12 345m record", true)]
    [InlineData("3", "page 3. Then", true)]
    [InlineData("A320", "an A320,5 times", true)]
    [InlineData("\"l ia\"", "l'IA", true)]
    public void Reads_a_number_as_one_word(string query, string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches(query, content));

    [Fact]
    public void Counts_a_number_as_one_word_in_near_distances()
    {
        const string query = "amende NEAR/4 Commission";

        Assert.True(Watch.Matches(query, "an amende of €2,424,495,000 from the Commission"));
        Assert.True(Watch.Matches(query, "an amende of 2\u202F424\u202F495\u202F000 € from the Commission"));
        Assert.False(Watch.Matches(query, "an amende of 2, 424, 495, 000 from the Commission"));
    }

    [Fact]
    public void Highlights_the_whole_number()
    {
        var article = new ArticleText("", "", "a fine of €2,424,495,000.");

        Assert.Equal(["Content:2,424,495,000"], Watch.Highlighted("2,424,495,000", article));
    }

    [Theory]
    [InlineData("2024/1689", "2024/1689")]
    [InlineData("\"2 424 495 000\"", "2 424 495 000")]
    [InlineData("\"2\u00A0424\"", "2 424")]
    [InlineData("2024 1689", "AND(2024, 1689)")]
    public void Reads_numbers_in_the_query_as_in_the_text(string query, string reading) =>
        Assert.Equal(reading, CompiledWatchlist.Explain(query));
}
