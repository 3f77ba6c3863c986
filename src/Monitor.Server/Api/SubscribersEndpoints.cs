using NewsMonitor.Management;

namespace NewsMonitor.Server.Api;

internal static class SubscribersEndpoints
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapResource<SubscribersManager, SubscriberInput, SubscriberView>("/subscribers", new(
            "Subscriber",
            "Subscribers",
            "Subscribers",
            "Create a subscriber (email, IANA time zone, cadence, at, day, terms are checked); id made from the name or email when left out",
            "Replace a subscriber"));
}
