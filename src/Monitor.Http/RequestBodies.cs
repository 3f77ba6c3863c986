using Microsoft.AspNetCore.Http;

namespace NewsMonitor.Http;

public static class RequestBodies
{
    /// <summary>
    /// Reads the whole body (the host's size limit already applies) so that synchronous parsers such as the OPML
    /// reader never block on the network.
    /// </summary>
    public static async Task<MemoryStream> BufferAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return buffer;
    }
}
