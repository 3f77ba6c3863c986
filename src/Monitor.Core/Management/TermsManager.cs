using NewsMonitor.Matching;
using NewsMonitor.Pipeline;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>A term as a client sends it; <see cref="Id"/> may be left out on create (made from the name).</summary>
public sealed record TermInput(string? Id, string? Name, string? Query, bool? MatchCase, bool? Enabled);

/// <summary>Watchlist terms: list, get, create, update, delete, and the watchlist file. A query is checked before it is saved.</summary>
public sealed class TermsManager(ITermStore terms, StoreImporter importer) : IResourceManager<TermInput, WatchTerm>
{
    public string IdOf(WatchTerm item) => item?.Id ?? "";

    public async Task<Page<WatchTerm>> ListAsync(PageRequest page, CancellationToken ct) =>
        page.Apply(await terms.ListTermsAsync(ct));

    public async Task<WatchTerm> GetAsync(string id, CancellationToken ct) =>
        await terms.GetTermAsync(id, ct) ?? throw new ApiProblemException(ApiProblem.NotFound("term", id));

    public async Task<WatchTerm> CreateAsync(TermInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = (await terms.ListTermsAsync(ct)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var id = string.IsNullOrWhiteSpace(input.Id) ? ResourceIds.FromLabel(input.Name, existing.Contains) : input.Id.Trim();
        var term = Validate(id, input);

        // Insert-if-absent in the store: of clients creating one id at once, one gets it and the others a conflict.
        if (existing.Contains(term.Id) || !await terms.TryAddTermAsync(term, ct))
        {
            throw new ApiProblemException(ApiProblem.Conflict("term", term.Id));
        }

        return term;
    }

    /// <summary>Replaces the term (PUT): fields left out take their defaults, as on create.</summary>
    public async Task<WatchTerm> UpdateAsync(string id, TermInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        _ = await GetAsync(id, ct);
        if (!string.IsNullOrWhiteSpace(input.Id) && input.Id.Trim() != id)
        {
            throw new ApiProblemException(ApiProblem.Invalid("id", $"the id in the body ('{input.Id}') differs from the one in the URL ('{id}'); ids do not change"));
        }

        var term = Validate(id, input);
        await terms.UpsertTermAsync(term, ct);
        return term;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await terms.DeleteTermAsync(id, ct))
        {
            throw new ApiProblemException(ApiProblem.NotFound("term", id));
        }
    }

    /// <summary>The watchlist file of DESIGN.md, every term in watchlist order.</summary>
    public async Task<string> ExportAsync(CancellationToken ct) => WatchlistFile.ToJson(await terms.ListTermsAsync(ct));

    /// <summary>
    /// Merges a watchlist file into the store (with <paramref name="replace"/>, terms absent from the file are
    /// removed). All or nothing: the whole body is read and checked before anything is stored, then stored in one
    /// save (see <see cref="StoreImporter"/>), so an unreadable file, one invalid query or a client gone part-way changes nothing.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(Stream file, bool replace, CancellationToken ct)
    {
        IReadOnlyList<WatchTerm> incoming;
        try
        {
            incoming = await WatchlistFile.ReadAsync(file, ct);
        }
        catch (WatchlistFormatException e)
        {
            throw new ApiProblemException(ApiProblem.Invalid(e.Message));
        }

        var invalidId = incoming.FirstOrDefault(t => !ResourceIds.IsValid(t.Id));
        if (invalidId is not null)
        {
            throw new ApiProblemException(ApiProblem.Invalid("id", ResourceIds.Describe(invalidId.Id)));
        }

        try
        {
            return await importer.ImportTermsAsync(incoming, replace);
        }
        catch (InvalidTermException e)
        {
            throw new ApiProblemException(ApiProblem.InvalidQuery(e.Error, $"terms[{e.TermId}].query") with { Detail = e.Message });
        }
    }

    /// <summary>The checks every saved term passes: a valid id, a name, and a query that parses (even when disabled).</summary>
    private static WatchTerm Validate(string? id, TermInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(id))
        {
            errors["id"] = ["id is required (or a name with a letter or digit to make it from)"];
        }
        else if (!ResourceIds.IsValid(id))
        {
            errors["id"] = [ResourceIds.Describe(id)];
        }

        if (string.IsNullOrWhiteSpace(input.Query))
        {
            errors["query"] = ["query is required"];
        }

        if (TextRules.NameProblem("name", input.Name?.Trim()) is { } name)
        {
            errors["name"] = [name];
        }

        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Invalid(string.Join("; ", errors.Values.SelectMany(v => v)), errors));
        }

        var term = new WatchTerm
        {
            Id = id!,
            Name = string.IsNullOrWhiteSpace(input.Name) ? id! : input.Name.Trim(),
            Query = input.Query!,
            MatchCase = input.MatchCase ?? false,
            Enabled = input.Enabled ?? true,
        };
        QueryChecks.ThrowIfInvalid(term.Query, term.MatchCase);
        return term;
    }
}
