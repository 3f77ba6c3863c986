using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsMonitor.Storage;

/// <summary>The one JSON shape used for stored documents, so every store reads what another wrote.</summary>
public static class StorageJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
