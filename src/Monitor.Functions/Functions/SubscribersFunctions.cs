using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NewsMonitor.Management;

namespace NewsMonitor.Functions;

/// <summary>The subscribers over HTTP (function key).</summary>
public sealed class SubscribersFunctions(SubscribersManager subscribers)
{
    [Function("ListSubscribers")]
    public Task<IResult> ListSubscribers([HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscribers")] HttpRequest request, CancellationToken ct) =>
        ResourceApi.List(subscribers, request, ct);

    [Function("CreateSubscriber")]
    public Task<IResult> CreateSubscriber([HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscribers")] HttpRequest request, CancellationToken ct) =>
        ResourceApi.Create(subscribers, request, ct);

    [Function("GetSubscriber")]
    public Task<IResult> GetSubscriber([HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscribers/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Get(subscribers, id, ct);

    [Function("UpdateSubscriber")]
    public Task<IResult> UpdateSubscriber([HttpTrigger(AuthorizationLevel.Function, "put", Route = "subscribers/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Update(subscribers, request, id, ct);

    [Function("DeleteSubscriber")]
    public Task<IResult> DeleteSubscriber([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "subscribers/{id}")] HttpRequest request, string id, CancellationToken ct) =>
        ResourceApi.Delete(subscribers, id, ct);
}
