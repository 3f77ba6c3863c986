namespace NewsMonitor.Benchmarks.Matching;

/// <summary>Frequent words of French and English news text, most frequent first (roughly).</summary>
internal static class Vocabulary
{
    // Syllables that never start a syllable of a generated entity name (see Entities), so that a
    // rare word can never equal a name or start with a name's prefix.
    private static readonly string[] RareOnsets = ["pl", "fr", "qu", "h", "j", "w", "x", "sk", "sp", "cl"];
    private static readonly string[] RareVowels = ["ea", "io", "ue", "ia", "oi", "a", "e", "o"];

    /// <summary>Both lists start with this many function words and elisions ("de", "the", "l’IA").</summary>
    public const int FunctionWords = 42;

    public static readonly string[] French =
    [
        "de", "la", "le", "les", "et", "des", "en", "du", "un", "une", "à", "pour", "dans", "sur", "que", "qui",
        "est", "par", "au", "avec", "plus", "pas", "ce", "il", "elle", "a", "sont", "aux", "ont", "été", "son", "sa",
        "l’Union", "l’Europe", "d’euros", "l’IA", "qu’il", "n’est", "aujourd’hui", "l’entreprise", "d’une", "l’État",
        "selon", "après", "avant", "entre", "contre", "sans", "sous", "leur", "leurs", "cette", "nouvelle", "nouveau",
        "gouvernement", "ministre", "président", "européenne", "régulation", "intelligence", "artificielle", "données",
        "entreprise", "entreprises", "marché", "économie", "politique", "santé", "énergie", "climat", "sécurité",
        "numérique", "loi", "projet", "accord", "sommet", "réunion", "décision", "annonce", "milliards", "millions",
        "euros", "année", "semaine", "jour", "hier", "déjà", "encore", "toujours", "ainsi", "alors", "également",
        "notamment", "pays", "France", "Paris", "région", "ville", "grève", "élection", "élections", "députés",
        "Assemblée", "Sénat", "réforme", "budget", "impôts", "croissance", "inflation", "emploi", "chômage", "salariés",
        "syndicats", "patronat", "banque", "crédit", "investissement", "start-up", "levée", "fonds", "modèle",
        "modèles", "recherche", "chercheurs", "université", "étudiants", "école", "hôpital", "médecins", "patients",
        "justice", "tribunal", "procès", "enquête", "police", "sécurité", "défense", "armée", "guerre", "paix",
        "négociations", "sanctions", "exportations", "importations", "agriculture", "agriculteurs", "industrie",
        "usine", "automobile", "électrique", "batteries", "nucléaire", "renouvelables", "éolien", "solaire",
        "transport", "train", "aéroport", "logement", "immobilier", "prix", "hausse", "baisse", "record", "crise",
        "débat", "critique", "soutien", "opposition", "majorité", "vote", "texte", "amendement", "commission",
        "rapport", "experts", "règles", "obligations", "amende", "amendes", "conformité", "transparence", "risques",
    ];

    public static readonly string[] English =
    [
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "it", "with", "as", "was", "by", "at",
        "from", "be", "has", "have", "are", "its", "not", "but", "this", "said", "will", "were", "an", "which",
        "EU's", "company's", "it's", "don't", "won't", "government's", "Europe's", "AI's",
        "new", "after", "before", "between", "against", "without", "under", "their", "more", "most", "first",
        "government", "minister", "president", "European", "regulation", "intelligence", "artificial", "data",
        "company", "companies", "market", "markets", "economy", "policy", "health", "energy", "climate",
        "security", "digital", "law", "bill", "deal", "summit", "meeting", "decision", "announcement", "billion",
        "million", "dollars", "year", "week", "day", "yesterday", "already", "still", "also", "however", "including",
        "country", "city", "region", "strike", "election", "elections", "lawmakers", "Parliament", "Senate",
        "reform", "budget", "taxes", "growth", "inflation", "jobs", "unemployment", "workers", "unions", "bank",
        "credit", "investment", "startup", "funding", "round", "model", "models", "research", "researchers",
        "university", "students", "school", "hospital", "doctors", "patients", "court", "trial", "investigation",
        "police", "defence", "military", "war", "peace", "talks", "sanctions", "exports", "imports", "farming",
        "farmers", "industry", "factory", "carmaker", "electric", "batteries", "nuclear", "renewables", "wind",
        "solar", "transport", "rail", "airport", "housing", "property", "prices", "rise", "fall", "record",
        "crisis", "debate", "criticism", "support", "opposition", "majority", "vote", "text", "amendment",
        "commission", "report", "experts", "rules", "obligations", "fine", "fines", "compliance", "transparency",
        "risks", "open-source", "chief", "executive", "spokesperson", "officials", "sources", "statement",
    ];

    /// <summary>
    /// The frequent words followed by <paramref name="count"/> generated rarer ones: real news draws
    /// on tens of thousands of words, so that a given topical word is absent from most articles.
    /// </summary>
    public static string[] WithRareWords(string[] frequent, int count, int seed)
    {
        var random = new Random(seed);
        var words = new List<string>(frequent);
        var seen = new HashSet<string>(frequent, StringComparer.OrdinalIgnoreCase);
        while (words.Count < frequent.Length + count)
        {
            var syllables = random.Next(2, 5);
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => RareOnsets[random.Next(RareOnsets.Length)] + RareVowels[random.Next(RareVowels.Length)]));
            if (seen.Add(word))
            {
                words.Add(word);
            }
        }

        return [.. words];
    }
}
