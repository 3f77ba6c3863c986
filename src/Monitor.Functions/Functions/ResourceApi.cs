using Microsoft.AspNetCore.Http;
using NewsMonitor.Management;

namespace NewsMonitor.Functions;

/// <summary>List (paged), create, get, update and delete of one managed list, answered as the Server's resource endpoints answer.</summary>
internal static class ResourceApi
{
    public static Task<IResult> List<TInput, TView>(IResourceManager<TInput, TView> manager, HttpRequest request, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Ok(await manager.ListAsync(PageRequest.Parse(request.Query["offset"], request.Query["limit"]), ct)));

    public static Task<IResult> Create<TInput, TView>(IResourceManager<TInput, TView> manager, HttpRequest request, CancellationToken ct)
        where TInput : class =>
        Api.Answer(async () =>
        {
            var created = await manager.CreateAsync(await Api.ReadJsonAsync<TInput>(request, ct), ct);
            return TypedResults.Created($"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(manager.IdOf(created))}", created);
        });

    public static Task<IResult> Get<TInput, TView>(IResourceManager<TInput, TView> manager, string id, CancellationToken ct) =>
        Api.Answer(async () => TypedResults.Ok(await manager.GetAsync(id, ct)));

    public static Task<IResult> Update<TInput, TView>(IResourceManager<TInput, TView> manager, HttpRequest request, string id, CancellationToken ct)
        where TInput : class =>
        Api.Answer(async () => TypedResults.Ok(await manager.UpdateAsync(id, await Api.ReadJsonAsync<TInput>(request, ct), ct)));

    public static Task<IResult> Delete<TInput, TView>(IResourceManager<TInput, TView> manager, string id, CancellationToken ct) =>
        Api.Answer(async () =>
        {
            await manager.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        });
}
