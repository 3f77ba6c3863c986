using System.Globalization;
using NewsMonitor.Digests;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>
/// A subscriber as a client sends it, in the words of the subscribers file: cadence "daily", at "08:00",
/// day "monday", an IANA time zone, and state active, paused or unsubscribed. Terms null: every term.
/// </summary>
public sealed record SubscriberInput(
    string? Id,
    string? Email,
    string? Name,
    IReadOnlyList<string>? Terms,
    string? Cadence,
    string? At,
    string? Day,
    string? TimeZone,
    string? State,
    string? Language = null);

/// <summary>A subscriber as the API shows it, in the same words as <see cref="SubscriberInput"/>.</summary>
public sealed record SubscriberView(
    string Id,
    string Email,
    string? Name,
    IReadOnlyList<string>? Terms,
    string Cadence,
    string At,
    string Day,
    string TimeZone,
    string State,
    string? Language)
{
    public static SubscriberView Of(Subscriber s) => new(
        s.Id,
        s.Email,
        s.Name,
        s.Terms,
        Word(s.Cadence),
        s.At.ToString("HH:mm", CultureInfo.InvariantCulture),
        Word(s.Day),
        s.TimeZone,
        Word(s.State),
        s.Language);

    private static string Word<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>Subscribers: list, get, create, update, delete, each saved subscriber valid (email, time zone, cadence, terms).</summary>
public sealed class SubscribersManager(ISubscriberStore subscribers, ITermStore terms) : IResourceManager<SubscriberInput, SubscriberView>
{
    public string IdOf(SubscriberView item) => item?.Id ?? "";

    public async Task<Page<SubscriberView>> ListAsync(PageRequest page, CancellationToken ct) =>
        page.Apply((await subscribers.ListSubscribersAsync(ct)).Select(SubscriberView.Of).ToList());

    public async Task<SubscriberView> GetAsync(string id, CancellationToken ct) => SubscriberView.Of(await FindAsync(id, ct));

    public async Task<SubscriberView> CreateAsync(SubscriberInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = (await subscribers.ListSubscribersAsync(ct)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var id = string.IsNullOrWhiteSpace(input.Id)
            ? ResourceIds.FromLabel(input.Name ?? input.Email?.Split('@')[0], existing.Contains)
            : input.Id.Trim();
        var subscriber = await ValidateAsync(id, input, ct);

        // Insert-if-absent in the store: of clients creating one id at once, one gets it and the others a conflict.
        if (existing.Contains(subscriber.Id) || !await subscribers.TryAddSubscriberAsync(subscriber, ct))
        {
            throw new ApiProblemException(ApiProblem.Conflict("subscriber", subscriber.Id));
        }

        return SubscriberView.Of(subscriber);
    }

    /// <summary>Replaces the subscriber (PUT): fields left out take their defaults, as on create.</summary>
    public async Task<SubscriberView> UpdateAsync(string id, SubscriberInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        _ = await FindAsync(id, ct);
        if (!string.IsNullOrWhiteSpace(input.Id) && input.Id.Trim() != id)
        {
            throw new ApiProblemException(ApiProblem.Invalid("id", $"the id in the body ('{input.Id}') differs from the one in the URL ('{id}'); ids do not change"));
        }

        var subscriber = await ValidateAsync(id, input, ct);
        await subscribers.UpsertSubscriberAsync(subscriber, ct);
        return SubscriberView.Of(subscriber);
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await subscribers.DeleteSubscriberAsync(id, ct))
        {
            throw new ApiProblemException(ApiProblem.NotFound("subscriber", id));
        }
    }

    private async Task<Subscriber> FindAsync(string id, CancellationToken ct) =>
        await subscribers.GetSubscriberAsync(id, ct) ?? throw new ApiProblemException(ApiProblem.NotFound("subscriber", id));

    private async Task<Subscriber> ValidateAsync(string? id, SubscriberInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(id))
        {
            Fail("id", "id is required (or an email or name to make it from)");
        }
        else if (!ResourceIds.IsValid(id))
        {
            Fail("id", ResourceIds.Describe(id));
        }

        if (SubscriberRules.EmailProblem(input.Email) is { } email)
        {
            Fail("email", email);
        }

        if (TextRules.NameProblem("name", input.Name?.Trim()) is { } name)
        {
            Fail("name", name);
        }

        var timeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? "UTC" : input.TimeZone.Trim();
        if (!TimeZones.IsValid(timeZone))
        {
            Fail("timeZone", $"time zone '{timeZone}' is unknown (use an IANA name such as Europe/Paris)");
        }

        var languageErrors = new List<string>();
        var language = SubscriberRules.ParseLanguage(input.Language, languageErrors);
        languageErrors.ForEach(e => Fail("language", e));
        var cadence = Choose(input.Cadence, Cadence.Daily, "cadence", Fail);
        var day = Choose(input.Day, DayOfWeek.Monday, "day", Fail);
        var state = Choose(input.State, SubscriberState.Active, "state", Fail);
        var at = new TimeOnly(8, 0);
        if (!string.IsNullOrWhiteSpace(input.At) && !TimeOnly.TryParseExact(input.At.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            Fail("at", $"at '{input.At}' is not a time such as 08:00");
        }

        if (input.Terms is { } followed)
        {
            var known = (await terms.ListTermsAsync(ct)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            var unknown = followed.Where(t => !known.Contains(t)).ToList();
            if (unknown.Count > 0)
            {
                Fail("terms", $"unknown term {string.Join(", ", unknown.Select(t => $"'{t}'"))} (create it first, or leave terms out to follow every term)");
            }
        }

        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Invalid(string.Join("; ", errors.Values.SelectMany(v => v)), errors));
        }

        return new Subscriber
        {
            Id = id!,
            Email = input.Email!.Trim(),
            Name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim(),
            Terms = input.Terms?.Distinct(StringComparer.Ordinal).ToList(),
            Cadence = cadence,
            At = at,
            Day = day,
            TimeZone = timeZone,
            State = state,
            Language = language,
        };
    }

    /// <summary>An enum by its name, any case; numbers are not names.</summary>
    private static T Choose<T>(string? text, T fallback, string field, Action<string, string> fail)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var name = Enum.GetNames<T>().FirstOrDefault(n => n.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            fail(field, $"{field} '{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
            return fallback;
        }

        return Enum.Parse<T>(name);
    }
}
