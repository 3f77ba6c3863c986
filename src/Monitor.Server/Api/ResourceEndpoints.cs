using Microsoft.AspNetCore.Http.HttpResults;
using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

/// <summary>What the OpenAPI document says about one managed list.</summary>
internal sealed record ResourceTexts(string Singular, string Plural, string List, string Create, string Update);

/// <summary>List (paged), create, get, update and delete for one managed list, the same way for each.</summary>
internal static class ResourceEndpoints
{
    public static RouteGroupBuilder MapResource<TManager, TInput, TView>(this RouteGroupBuilder admin, string path, ResourceTexts texts)
        where TManager : IResourceManager<TInput, TView>
        where TInput : notnull
    {
        var group = admin.MapGroup(path).WithTags(texts.Plural);

        // Passed as Delegate: the route-handler analyzer cannot follow handlers of a generic type (it crashes on them).
        Delegate list = Handlers<TManager, TInput, TView>.ListAsync;
        Delegate create = Handlers<TManager, TInput, TView>.CreateAsync;
        Delegate get = Handlers<TManager, TInput, TView>.GetAsync;
        Delegate update = Handlers<TManager, TInput, TView>.UpdateAsync;
        Delegate delete = Handlers<TManager, TInput, TView>.DeleteAsync;
        group.MapGet("", list)
            .WithName("List" + texts.Plural).WithSummary(texts.List + " (paged: offset, limit)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("", create)
            .WithName("Create" + texts.Singular).WithSummary(texts.Create)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", get)
            .WithName("Get" + texts.Singular)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", update)
            .WithName("Update" + texts.Singular).WithSummary(texts.Update)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", delete)
            .WithName("Delete" + texts.Singular)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <remarks>A generic parameter carries no nullability, so the binder passes an empty body as null: the body is required here.</remarks>
    private static class Handlers<TManager, TInput, TView>
        where TManager : IResourceManager<TInput, TView>
    {
        public static Task<Page<TView>> ListAsync(int? offset, int? limit, TManager manager, CancellationToken ct) =>
            manager.ListAsync(PageRequest.Of(offset, limit), ct);

        public static async Task<Created<TView>> CreateAsync(TInput input, TManager manager, HttpRequest request, CancellationToken ct)
        {
            var created = await manager.CreateAsync(Required(input), ct);
            return TypedResults.Created($"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(manager.IdOf(created))}", created);
        }

        public static Task<TView> GetAsync(string id, TManager manager, CancellationToken ct) => manager.GetAsync(id, ct);

        public static Task<TView> UpdateAsync(string id, TInput input, TManager manager, CancellationToken ct) => manager.UpdateAsync(id, Required(input), ct);

        private static TInput Required(TInput? input) =>
            input ?? throw new ApiProblemException(ApiProblem.Invalid("a JSON object is required as the request body"));

        public static async Task<NoContent> DeleteAsync(string id, TManager manager, CancellationToken ct)
        {
            await manager.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        }
    }
}
