using System.Globalization;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// The words of a digest (subject, headings, dates, footer, unsubscribe) in the subscriber's language, "fr" or "en".
/// Day and month names are written out here rather than taken from the system's culture data, so a digest reads
/// the same on every machine.
/// </summary>
public sealed class DigestWording
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr"];

    /// <summary>Time zones whose subscribers get French unless they say otherwise: France and its overseas zones, Belgium, Luxembourg, Monaco.</summary>
    private static readonly HashSet<string> FrenchZones = new(StringComparer.OrdinalIgnoreCase)
    {
        "Europe/Paris", "Europe/Brussels", "Europe/Luxembourg", "Europe/Monaco", "America/Cayenne", "America/Guadeloupe",
        "America/Martinique", "America/Miquelon", "Indian/Reunion", "Indian/Mayotte", "Pacific/Noumea", "Pacific/Tahiti",
        "Pacific/Marquesas", "Pacific/Gambier", "Pacific/Wallis",
    };

    public static readonly DigestWording English = new(
        "en",
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
    {
        NewCount = (n, named) => $"{n} new: {named}",
        AlsoReportedBy = "Also reported by",
        Omitted = (omitted, shown) => $"{omitted} more not shown (this digest lists the {shown} newest).",
        Immediate = "as soon as something matches",
        Hourly = "every hour",
        DailyAt = at => $"daily at {at}",
        WeeklyAt = (day, at) => $"every {day} at {at}",
        Footer = (what, zone) => $"You receive this digest {what} because you follow these terms on News Monitor. Times are {zone} time.",
        Unsubscribe = "Unsubscribe",
        StopTerm = name => $"Stop alerts for {name}",
        NotRelevant = "Not relevant",
        ChangeCadence = "Change how often",
    };

    public static readonly DigestWording French = new(
        "fr",
        ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."])
    {
        NewCount = (n, named) => $"{n} {(n == 1 ? "nouveau" : "nouveaux")} : {named}",
        AlsoReportedBy = "Également publié par",
        Omitted = (omitted, shown) => $"{omitted} autres non affichés (ce résumé donne les {shown} plus récents).",
        Immediate = "dès qu’un article correspond",
        Hourly = "toutes les heures",
        DailyAt = at => $"chaque jour à {at}",
        WeeklyAt = (day, at) => $"chaque {day} à {at}",
        Footer = (what, zone) => $"Vous recevez ce résumé {what} parce que vous suivez ces termes sur News Monitor. Heures de {zone}.",
        Unsubscribe = "Se désabonner",
        StopTerm = name => $"Ne plus recevoir d’alertes pour {name}",
        NotRelevant = "Pas pertinent",
        ChangeCadence = "Changer la fréquence",
    };

    private readonly string[] days;
    private readonly string[] months;
    private readonly string[] shortMonths;

    private DigestWording(string language, string[] days, string[] months, string[] shortMonths)
    {
        Language = language;
        this.days = days;
        this.months = months;
        this.shortMonths = shortMonths;
    }

    public string Language { get; }

    public required Func<int, string, string> NewCount { get; init; }

    public required string AlsoReportedBy { get; init; }

    public required Func<int, int, string> Omitted { get; init; }

    public required string Immediate { get; init; }

    public required string Hourly { get; init; }

    public required Func<string, string> DailyAt { get; init; }

    public required Func<string, string, string> WeeklyAt { get; init; }

    public required Func<string, string, string> Footer { get; init; }

    public required string Unsubscribe { get; init; }

    /// <summary>The link under a term's heading: "Stop alerts for AI Act".</summary>
    public required Func<string, string> StopTerm { get; init; }

    /// <summary>The link of each entry that records it as not relevant to its term.</summary>
    public required string NotRelevant { get; init; }

    /// <summary>The footer's link to the page that changes the cadence.</summary>
    public required string ChangeCadence { get; init; }

    /// <summary>The subscriber's language: the one they chose, else French for a French-speaking time zone, else English.</summary>
    public static string LanguageOf(Subscriber subscriber) =>
        subscriber.Language is { } chosen ? chosen : FrenchZones.Contains(subscriber.TimeZone) ? "fr" : "en";

    public static DigestWording For(Subscriber subscriber) => LanguageOf(subscriber) == "fr" ? French : English;

    public static bool IsLanguage(string? text) => text is not null && Languages.Contains(text, StringComparer.Ordinal);

    /// <summary>"Monday 23 November 2026" or "lundi 23 novembre 2026".</summary>
    public string Date(DateTime local) => string.Create(CultureInfo.InvariantCulture, $"{days[(int)local.DayOfWeek]} {local.Day} {months[local.Month - 1]} {local.Year}");

    /// <summary>"23 Nov 2026 13:00" or "23 nov. 2026 13:00".</summary>
    public string DateTime(DateTime local) =>
        string.Create(CultureInfo.InvariantCulture, $"{local.Day} {shortMonths[local.Month - 1]} {local.Year} {local:HH:mm}");

    public string DayName(DayOfWeek day) => days[(int)day];

    /// <summary>"daily at 08:00", "every hour", …: how often the subscriber gets digests.</summary>
    public string Schedule(Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var at = subscriber.At.ToString("HH:mm", CultureInfo.InvariantCulture);
        return subscriber.Cadence switch
        {
            Cadence.Immediate => Immediate,
            Cadence.Hourly => Hourly,
            Cadence.Daily => DailyAt(at),
            _ => WeeklyAt(DayName(subscriber.Day), at),
        };
    }
}
