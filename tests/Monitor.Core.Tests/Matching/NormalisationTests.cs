namespace NewsMonitor.Tests.Matching;

/// <summary>Text and query are normalised alike: NFKD, no diacritics, case folded, words of letters and digits.</summary>
public sealed class NormalisationTests
{
    [Theory]
    // Apostrophes of every kind separate words; elisions become their own word.
    [InlineData("\"IA Act\"", "Le point sur l’IA Act", true)]
    [InlineData("\"IA Act\"", "Le point sur l'IA Act", true)]
    [InlineData("\"IA Act\"", "Le point sur lʼIA Act", true)]
    [InlineData("IA", "l’IA générative", true)]
    [InlineData("\"loi sur l'IA\"", "la loi sur l’IA est votée", true)]
    [InlineData("\"loi sur l’IA\"", "la loi sur l'IA est votée", true)]
    [InlineData("l'IA", "selon l’IA Act", true)]
    [InlineData("l'IA", "l’autre IA", false)]
    [InlineData("\"d'Europe\"", "la Commission d’Europe", true)]
    [InlineData("\"AI Act\"", "the EU's AI Act", true)]
    // Possessives.
    [InlineData("Mistral", "Mistral's new model", true)]
    [InlineData("Mistral", "Mistral’s new model", true)]
    [InlineData("Mistral's", "Mistral’s new model", true)]
    [InlineData("Mistral's", "Mistral released a model", false)]
    // No-break and other spaces.
    [InlineData("\"AI Act\"", "the AI\u00A0Act", true)]
    [InlineData("\"AI Act\"", "the AI\u202FAct", true)]
    [InlineData("\"AI Act\"", "the AI\u2009Act", true)]
    [InlineData("\"Commission européenne\"", "la Commission\u00A0européenne", true)]
    [InlineData("\"AI Act\"", "AI\tAct", true)]
    [InlineData("\"AI Act\"", "AI\nAct", true)]
    // Diacritics, precomposed and decomposed, in text and in query.
    [InlineData("européenne", "la Commission europeenne", true)]
    [InlineData("europeenne", "la Commission européenne", true)]
    [InlineData("européenne", "la Commission europe\u0301enne", true)]
    [InlineData("europe\u0301enne", "la Commission européenne", true)]
    [InlineData("EUROPÉENNE", "la Commission Européenne", true)]
    [InlineData("naïve", "a naive approach", true)]
    [InlineData("Bruxelles", "BRUXELLES", true)]
    [InlineData("istanbul", "İstanbul", true)]
    [InlineData("cafe", "un cafe\u0301 noir", true)]
    // Hyphenated names: a query word with a hyphen is a phrase.
    [InlineData("\"Mistral AI\"", "Mistral-AI lève des fonds", true)]
    [InlineData("Mistral-AI", "Mistral AI lève des fonds", true)]
    [InlineData("Mistral-AI", "Mistral–AI (tiret demi-cadratin)", true)]
    [InlineData("Mistral-AI", "MistralAI", false)]
    [InlineData("Mistral-AI", "Mistral, AI", true)]
    [InlineData("Jean-Noël", "Jean-Noel Barrot", true)]
    // Whole words only.
    [InlineData("Commission", "les Commissions", false)]
    [InlineData("Commission", "la Commission.", true)]
    [InlineData("Commission", "#Commission", true)]
    [InlineData("Commission", "(Commission)", true)]
    [InlineData("IA", "IAs", false)]
    [InlineData("AI", "said", false)]
    // Prefixes match whole words that start with them, nothing inside a word.
    [InlineData("régul*", "irrégulier", false)]
    [InlineData("régul*", "la Régulation", true)]
    [InlineData("régul*", "régul", true)]
    [InlineData("regul*", "régulateurs", true)]
    [InlineData("régul*", "dé-régulation", true)]
    // Compatibility characters follow NFKD.
    [InlineData("finance", "la ﬁnance", true)]
    [InlineData("AI", "ＡＩ", true)]
    [InlineData("AI", "𝐀𝐈", true)]
    [InlineData("m2", "10 m²", true)]
    [InlineData("\"1 2\"", "un ½ litre", true)]
    [InlineData("2", "un ½ litre", true)]
    // A soft hyphen is invisible and does not cut a word.
    [InlineData("Commission", "Commis\u00ADsion", true)]
    // Emoji and symbols separate words.
    [InlineData("Mistral", "Mistral🚀", true)]
    [InlineData("Mistral", "€Mistral", true)]
    // Digits are word characters.
    [InlineData("2024", "en 2024,", true)]
    [InlineData("G7", "au G7", true)]
    [InlineData("G7", "au G 7", false)]
    // Lower-case operator words are ordinary words.
    [InlineData("Mistral and Commission", "Mistral et la Commission", false)]
    [InlineData("Mistral and Commission", "Mistral and the Commission", true)]
    [InlineData("near", "the near future", true)]
    [InlineData("or", "or not", true)]
    public void Query_and_text_are_normalised_alike(string query, string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches(query, content));

    [Theory]
    [InlineData("Commission", "la Commission", true)]
    [InlineData("Commission", "la commission", false)]
    [InlineData("Commission", "la COMMISSION", false)]
    [InlineData("commission", "la Commission", false)]
    [InlineData("Énergie", "Energie", true)]
    [InlineData("Énergie", "énergie", false)]
    [InlineData("Commiss*", "Commissaire", true)]
    [InlineData("Commiss*", "commissaire", false)]
    [InlineData("\"Mistral AI\"", "Mistral-AI", true)]
    [InlineData("\"Mistral AI\"", "mistral ai", false)]
    public void Match_case_keeps_case_but_still_removes_diacritics(string query, string content, bool expected) =>
        Assert.Equal(expected, Watch.Matches(query, content, matchCase: true));

    [Fact]
    public void Case_sensitive_and_insensitive_terms_share_one_watchlist()
    {
        var watchlist = NewsMonitor.Matching.CompiledWatchlist.Compile(
        [
            Watch.Term("exact", "Commission", matchCase: true),
            Watch.Term("any", "commission"),
        ]);

        var lower = watchlist.Match(new("", "", "la commission"));
        var upper = watchlist.Match(new("", "", "la Commission"));

        Assert.Equal(["any"], lower.Select(match => match.TermId));
        Assert.Equal(["exact", "any"], upper.Select(match => match.TermId));
    }
}
