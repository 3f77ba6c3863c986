using NewsMonitor.Matching;
using NewsMonitor.Storage;

namespace NewsMonitor.Management;

/// <summary>A term as a client sends it; <see cref="Id"/> may be left out on create (made from the name).</summary>
public sealed record TermInput(string? Id, string? Name, string? Query, bool? MatchCase, bool? Enabled);

/// <summary>What an import changed.</summary>
public sealed record ImportSummary(int Added, int Updated, int Removed);

/// <summary>Watchlist terms: list, get, create, update, delete, and the watchlist file. A query is checked before it is saved.</summary>
public sealed class TermsManager(ITermStore terms) : IResourceManager<TermInput, WatchTerm>
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
        if (existing.Contains(term.Id))
        {
            throw new ApiProblemException(ApiProblem.Conflict("term", term.Id));
        }

        await terms.UpsertTermAsync(term, ct);
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
    /// removed). All or nothing: an unreadable file or one invalid query changes nothing.
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
            // Disabled terms are checked too: enabling one later must not meet a broken query.
            _ = CompiledWatchlist.Compile(incoming.Select(t => t with { Enabled = true }));
        }
        catch (InvalidTermException e)
        {
            throw new ApiProblemException(ApiProblem.InvalidQuery(e.Error, $"terms[{e.TermId}].query") with { Detail = e.Message });
        }

        var before = (await terms.ListTermsAsync(ct)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var term in incoming)
        {
            await terms.UpsertTermAsync(term, ct);
        }

        var removed = 0;
        if (replace)
        {
            foreach (var id in before.Except(incoming.Select(t => t.Id), StringComparer.Ordinal))
            {
                removed += await terms.DeleteTermAsync(id, ct) ? 1 : 0;
            }
        }

        var added = incoming.Count(t => !before.Contains(t.Id));
        return new ImportSummary(added, incoming.Count - added, removed);
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
