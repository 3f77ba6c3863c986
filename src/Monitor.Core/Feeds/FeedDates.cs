using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsMonitor.Feeds;

/// <summary>
/// Reads the dates feeds actually contain: RFC 822/1123 (day name optional, seconds optional, two-digit
/// years, a stray comma after the month, zones as offsets or names such as GMT, EST, CET, CEST, and the US
/// generic ET, CT, MT, PT, whose offset follows the US daylight saving rule on that date), ISO 8601 / RFC 3339,
/// month-first forms (JavaScript's "Tue Jan 02 2024 10:00:00 GMT+0900 (…)", C's asctime "Sun Jan  4 16:29:06 2004",
/// Twitter's "Sun Jul 15 01:16:00 +0000 2012"), and the same shapes with French (and common German) month and
/// day names, a 12-hour clock, numbers only ("23/11/2026 10:55", day first unless that cannot be), and seconds or
/// milliseconds since 1970. A date without a zone is taken as UTC.
/// </summary>
public static partial class FeedDates
{
    // Month names and abbreviations, English, French (with and without accents) and German, January first.
    private static readonly Dictionary<string, int> Months = ByMonth(
        "jan january janv janvier januar jän",
        "feb february fév févr fev fevr février fevrier februar",
        "mar march mars mär mrz märz",
        "apr april avr avril",
        "may mai",
        "jun june juin juni",
        "jul july juil juillet juli",
        "aug august aoû aou août aout",
        "sep sept september septembre",
        "oct october octobre okt oktober",
        "nov november novembre",
        "dec december déc décembre decembre dez dezember");

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0,
        ["UT"] = 0,
        ["UTC"] = 0,
        ["Z"] = 0,
        ["WET"] = 0,
        ["BST"] = 1,
        ["CET"] = 1,
        ["MET"] = 1,
        ["WEST"] = 1,
        ["MEZ"] = 1,
        ["CEST"] = 2,
        ["MEST"] = 2,
        ["EET"] = 2,
        ["MESZ"] = 2,
        ["EEST"] = 3,
        ["EST"] = -5,
        ["EDT"] = -4,
        ["CST"] = -6,
        ["CDT"] = -5,
        ["MST"] = -7,
        ["MDT"] = -6,
        ["PST"] = -8,
        ["PDT"] = -7,
        ["AST"] = -4,
        ["ADT"] = -3,
        ["AT"] = -4,
        ["AKST"] = -9,
        ["AKDT"] = -8,
        ["HST"] = -10,
    };

    // US generic zone names: standard offset; daylight time (one hour more) between the US rule's dates.
    private static readonly Dictionary<string, int> UsGenericZones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ET"] = -5,
        ["CT"] = -6,
        ["MT"] = -7,
        ["PT"] = -8,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ZoneLookup = ZoneHours.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> UsGenericLookup = UsGenericZones.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    /// <summary>The instant, in UTC, or null when the text is not a date this reader knows.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        var iso = text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-';
        if (iso && DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant))
        {
            return instant.ToUniversalTime();
        }

        return Rfc1123(text) ?? FromMatch(Rfc822().Match(text)) ?? FromMatch(MonthFirst().Match(text)) ?? UnixTime(text) ?? FromNumeric(Numeric().Match(text));
    }

    /// <summary>Seconds (or milliseconds) since 1970, as some generators write them: ten digits, or thirteen.</summary>
    private static DateTimeOffset? UnixTime(string text)
    {
        if (text.Length is not (9 or 10 or 12 or 13) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return text.Length > 10 ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
    }

    /// <summary>
    /// "23/11/2026 10:55" and "23.11.2026": day first, as French and German sites write it, unless the second number
    /// cannot be a month ("11/23/2026", the US order).
    /// </summary>
    private static DateTimeOffset? FromNumeric(Match match)
    {
        if (!match.Success)
        {
            return null;
        }

        var first = int.Parse(match.Groups["first"].ValueSpan, CultureInfo.InvariantCulture);
        var next = int.Parse(match.Groups["next"].ValueSpan, CultureInfo.InvariantCulture);
        var (day, month) = next > 12 ? (next, first) : (first, next);
        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return Instant(match, year, month, day);
    }

    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// The shape nearly every RSS feed writes, "Mon, 23 Nov 2026 09:55:00 GMT" or "+0100", read without the regular
    /// expression (whose match and groups cost a kilobyte a date); null for anything else, which the regex reads.
    /// </summary>
    private static DateTimeOffset? Rfc1123(string text)
    {
        var s = text.AsSpan();
        var comma = s.IndexOf(',');
        if (comma is < 0 or > 9)
        {
            return null;
        }

        s = s[(comma + 1)..].TrimStart(' ');
        var space = s.IndexOf(' ');
        if (space is < 1 or > 2 || !int.TryParse(s[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var day) || s.Length < space + 22)
        {
            return null;
        }

        s = s[(space + 1)..];
        var month = 0;
        while (month < EnglishMonths.Length && !s.StartsWith(EnglishMonths[month], StringComparison.OrdinalIgnoreCase))
        {
            month++;
        }

        month = month < EnglishMonths.Length ? month + 1 : 0;
        if (month == 0 || s[3] != ' ' || s[8] != ' ' || s[11] != ':' || s[14] != ':' || s[17] != ' '
            || !int.TryParse(s.Slice(4, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s.Slice(9, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(s.Slice(12, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || !int.TryParse(s.Slice(15, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var second)
            || year is < 1970 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        // Anything after the zone ("+0100 (CET)") is for the regular expression.
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (Offset(s[18..].TrimEnd(), local) is not { } offset)
        {
            return null;
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The instant a match of either regular expression names (they share their group names); null when it is no date.</summary>
    private static DateTimeOffset? FromMatch(Match match)
    {
        if (!match.Success || !Months.TryGetValue(match.Groups["month"].Value.TrimEnd('.'), out var month))
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        if (match.Groups["year"].Length == 2)
        {
            year += year < 50 ? 2000 : 1900;
        }

        var day = int.Parse(match.Groups["day"].ValueSpan, CultureInfo.InvariantCulture);
        if (year is < 1970 or > 9999 || day is < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return Instant(match, year, month, day);
    }

    /// <summary>The date at the match's time (12-hour clock too) and zone; null when the time or zone is no such thing.</summary>
    private static DateTimeOffset? Instant(Match match, int year, int month, int day)
    {
        var hour = match.Groups["hour"].Success ? int.Parse(match.Groups["hour"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var minute = match.Groups["minute"].Success ? int.Parse(match.Groups["minute"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            hour = (hour % 12) + (char.ToUpperInvariant(match.Groups["ampm"].ValueSpan[0]) == 'P' ? 12 : 0);
        }

        if (hour > 24 || minute > 59 || second > 60)
        {
            return null;
        }

        // 24:00 and leap seconds exist in the wild; they are the next instant.
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddHours(hour).AddMinutes(minute).AddSeconds(second);
        var offset = Offset(match.Groups["zone"].ValueSpan, local);
        return offset is null ? null : new DateTimeOffset(local, offset.Value).ToUniversalTime();
    }

    /// <summary>"+0100", "-05:00", a zone name (unknown ones count as UTC) or nothing (UTC); null for anything else.</summary>
    private static TimeSpan? Offset(ReadOnlySpan<char> zone, DateTime local)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..];
            if (!(digits.Length == 4 || (digits.Length == 5 && digits[2] == ':'))
                || !int.TryParse(digits[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(digits[^2..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                || hours > 14 || minutes > 59)
            {
                return null;
            }

            var offset = new TimeSpan(hours, minutes, 0);
            return zone[0] == '-' ? -offset : offset;
        }

        if (zone.Length > 5 || zone.ContainsAnyExcept(AsciiLetters))
        {
            return null;
        }

        if (zone.Length == 2 && UsGenericLookup.TryGetValue(zone, out var standard))
        {
            return TimeSpan.FromHours(IsUsDaylightTime(local) ? standard + 1 : standard);
        }

        // An unknown zone name costs at most a few hours; dropping the date would cost the ordering.
        return ZoneLookup.TryGetValue(zone, out var h) ? TimeSpan.FromHours(h) : TimeSpan.Zero;
    }

    /// <summary>
    /// Whether US daylight saving time is in force at this local time: from 2 a.m. on the second Sunday of March to
    /// 2 a.m. on the first Sunday of November since 2007, from the first Sunday of April to the last of October before.
    /// </summary>
    private static bool IsUsDaylightTime(DateTime local)
    {
        var (start, end) = local.Year >= 2007
            ? (NthSunday(local.Year, 3, 2), NthSunday(local.Year, 11, 1))
            : (NthSunday(local.Year, 4, 1), LastSunday(local.Year, 10));
        // The repeated hour when daylight time ends (1 to 2 a.m.) is read as daylight time.
        return local >= start.AddHours(2) && local < end.AddHours(2);
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return first.AddDays(((7 - (int)first.DayOfWeek) % 7) + (7 * (n - 1)));
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Unspecified);
        return last.AddDays(-(int)last.DayOfWeek);
    }

    private static Dictionary<string, int> ByMonth(params string[] months)
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var month = 0; month < months.Length; month++)
        {
            foreach (var name in months[month].Split(' '))
            {
                names[name] = month + 1;
            }
        }

        return names;
    }

    [GeneratedRegex("""
        ^(?:\p{L}+\.?(?:,\s*|\s+))?                # day name, any language, optional
        (?<day>\d{1,2})(?:er)?[\s\-]+
        (?<month>\p{L}+\.?),?[\s\-]+            # "13 Feb, 2012": a comma too many
        (?<year>\d{4}|\d{2})
        (?:[\s,T]+(?:à\s+)?(?<hour>\d{1,2})[:h](?<minute>\d{2})(?::(?<second>\d{2})(?:[.,]\d+)?)?(?:\s*(?<ampm>[AaPp]\.?[Mm]\.?))?)?
        \s*(?:(?:GMT|UTC)(?=[+-]))?(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?
        \s*(?:\([^)]*\))?$                           # "(CET)" comments
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822();

    // Month before day: JavaScript's Date.toString(), asctime, Twitter's created_at, "January 2, 2024 10:00".
    [GeneratedRegex("""
        ^(?:\p{L}+\.?,?\s+)?                        # day name, optional
        (?<month>\p{L}+\.?)\s+(?<day>\d{1,2}),?\s+
        (?:
          (?<year>\d{4}),?(?:\s+(?:at\s+)?(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\s*(?<ampm>[AaPp]\.?[Mm]\.?))?)?
          \s*(?:(?:GMT|UTC)(?=[+-]))?(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?
        |
          (?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?
          \s+(?:(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})\s+)?(?<year>\d{4})
        )
        \s*(?:\([^)]*\))?$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex MonthFirst();

    // Numbers only: "23/11/2026", "23.11.2026 10:55", "11/23/2026 5:55 PM EST".
    [GeneratedRegex("""
        ^(?<first>\d{1,2})[/.](?<next>\d{1,2})[/.](?<year>\d{4})
        (?:[\s,T]+(?<hour>\d{1,2})[:h](?<minute>\d{2})(?::(?<second>\d{2}))?(?:\s*(?<ampm>[AaPp]\.?[Mm]\.?))?)?
        \s*(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();
}
