using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MimeKit;
using NewsMonitor.Management;
using NewsMonitor.Storage;

namespace NewsMonitor.Digests;

/// <summary>
/// The subscribers file of DESIGN.md: { "subscribers": [ { id, email, name, terms, cadence, at, day, timeZone } ] },
/// plus optional "quietHours": { "from", "until" } and "state" (active, paused, unsubscribed).
/// Every entry is validated; one bad entry rejects the file with a message naming it.
/// </summary>
public static class SubscribersFile
{
    public static async Task<IReadOnlyList<Subscriber>> ReadAsync(Stream stream, CancellationToken ct = default)
    {
        FileShape? file;
        try
        {
            file = await JsonSerializer.DeserializeAsync(stream, SubscribersFileJson.Default.FileShape, ct);
        }
        catch (JsonException e)
        {
            throw new FormatException($"subscribers file: invalid JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }

        if (file?.Subscribers is null)
        {
            throw new FormatException("subscribers file: expected an object with a \"subscribers\" array");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return file.Subscribers.Select((entry, index) =>
        {
            var subscriber = ToSubscriber(entry, index);
            return seen.Add(subscriber.Id) ? subscriber : throw new FormatException($"subscribers file: duplicate id '{subscriber.Id}'");
        }).ToList();
    }

    public static Subscriber ToSubscriber(Entry entry, int index)
    {
        var where = $"subscribers[{index}]" + (entry.Id is { Length: > 0 } ? $" ('{entry.Id}')" : "");
        var errors = SubscriberRules.Check(entry.Id, entry.Email, entry.TimeZone ?? "UTC");
        var cadence = Cadence.Daily;
        if (entry.Cadence is { } c && !Enum.TryParse(c, ignoreCase: true, out cadence))
        {
            errors.Add($"cadence '{c}' is not one of immediate, hourly, daily, weekly");
        }

        var at = entry.At is null ? new TimeOnly(8, 0) : SubscriberRules.ParseTime("at", entry.At, errors) ?? default;

        var day = DayOfWeek.Monday;
        if (entry.Day is { } d && !Enum.TryParse(d, ignoreCase: true, out day))
        {
            errors.Add($"day '{d}' is not a day of the week such as monday");
        }

        var state = SubscriberState.Active;
        if (entry.State is { } st && !Enum.TryParse(st, ignoreCase: true, out state))
        {
            errors.Add($"state '{st}' is not one of active, paused, unsubscribed");
        }

        if (TextRules.NameProblem("name", entry.Name) is { } name)
        {
            errors.Add(name);
        }

        var quiet = SubscriberRules.ParseQuietHours(entry.QuietHours?.From, entry.QuietHours?.Until, errors);
        var language = SubscriberRules.ParseLanguage(entry.Language, errors);
        if (errors.Count > 0)
        {
            throw new FormatException($"{where}: {string.Join("; ", errors)}");
        }

        return new Subscriber
        {
            Id = entry.Id!,
            Email = entry.Email!.Trim(),
            Name = entry.Name,
            Terms = entry.Terms,
            Cadence = cadence,
            At = at,
            Day = day,
            TimeZone = entry.TimeZone ?? "UTC",
            State = state,
            QuietHours = quiet,
            Language = language,
        };
    }

    public sealed record Entry(
        string? Id,
        string? Email,
        string? Name,
        List<string>? Terms,
        string? Cadence,
        string? At,
        string? Day,
        string? TimeZone,
        QuietHoursEntry? QuietHours = null,
        string? State = null,
        string? Language = null);

    /// <summary>"quietHours": { "from": "22:00", "until": "07:00" }, local times.</summary>
    public sealed record QuietHoursEntry(string? From, string? Until);

    internal sealed record FileShape([property: JsonPropertyName("subscribers")] List<Entry>? Subscribers);
}

/// <summary>The subscribers file's shape, its metadata generated at build time (reflection cost a fresh process about 60 ms).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(SubscribersFile.FileShape))]
internal sealed partial class SubscribersFileJson : JsonSerializerContext;

/// <summary>The checks every way of creating a subscriber applies (file, API).</summary>
public static class SubscriberRules
{
    /// <summary>"fr" or "en" (any case); null or empty: from the time zone.</summary>
    public static string? ParseLanguage(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var language = text.Trim().ToLowerInvariant();
        if (DigestWording.IsLanguage(language))
        {
            return language;
        }

        errors.Add($"language '{text}' is not one of {string.Join(", ", DigestWording.Languages)} (or leave it out to choose from the time zone)");
        return null;
    }

    public static List<string> Check(string? id, string? email, string timeZone)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("id is required");
        }

        if (EmailProblem(email) is { } problem)
        {
            errors.Add(problem);
        }

        if (!TimeZones.IsValid(timeZone))
        {
            errors.Add($"time zone '{timeZone}' is unknown (use an IANA name such as Europe/Paris)");
        }

        return errors;
    }

    /// <summary>Both ends as local "HH:mm", different from each other; null when neither is given.</summary>
    public static QuietHours? ParseQuietHours(string? from, string? until, List<string> errors)
    {
        if (from is null && until is null)
        {
            return null;
        }

        var start = ParseTime("quiet hours from", from, errors);
        var end = ParseTime("quiet hours until", until, errors);
        if (start is null || end is null)
        {
            return null;
        }

        if (start == end)
        {
            errors.Add($"quiet hours from {from} until {until} is an empty window (use two different times)");
            return null;
        }

        return new QuietHours(start.Value, end.Value);
    }

    public static TimeOnly? ParseTime(string what, string? text, List<string> errors)
    {
        if (text is not null && TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(text is null ? $"{what} is required" : $"{what} '{text}' is not a time such as 08:00");
        return null;
    }

    /// <summary>RFC 5321's limits: a local part (before the @) of at most 64 characters, an address of at most 254.</summary>
    public const int MaxLocalPart = 64;

    public const int MaxAddress = 254;

    /// <summary>Null for an address mail can be sent to, else why not, in a sentence naming the field.</summary>
    public static string? EmailProblem(string? email)
    {
        var address = email?.Trim() ?? "";
        if (address.Length > MaxAddress)
        {
            return $"email is {address.Length} characters long; an address has at most {MaxAddress} (RFC 5321)";
        }

        var at = address.LastIndexOf('@');
        if (at > MaxLocalPart)
        {
            return $"email '{address[..20]}…@{address[(at + 1)..]}' has {at} characters before the @; at most {MaxLocalPart} are allowed (RFC 5321)";
        }

        return IsValidEmail(email) ? null : $"email '{email}' is not a valid address";
    }

    public static bool IsValidEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email)
        && MailboxAddress.TryParse(email.Trim(), out var mailbox)
        && mailbox.Address == email.Trim()
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < mailbox.Address.Length - 1
        && mailbox.Address[(at + 1)..].Contains('.', StringComparison.Ordinal);
}
