using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NewsMonitor.Storage;

/// <summary>The one JSON shape used for stored documents, so every store reads what another wrote.</summary>
public static class StorageJson
{
    /// <summary>
    /// The stored types' metadata comes from <see cref="StorageJsonContext"/>, generated at build time, rather than from
    /// reflection at first use, which cost a fresh process about 0.1 s before its first poll; any other type still
    /// works through reflection. The shape is the same either way (a test compares them).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(StorageJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}

/// <summary>The stored documents' types, for <see cref="StorageJson.Options"/>; the options themselves are those of <see cref="StorageJson"/>.</summary>
[JsonSerializable(typeof(Subscriber))]
[JsonSerializable(typeof(List<HighlightSpan>))]
[JsonSerializable(typeof(IReadOnlyList<HighlightSpan>))]
[JsonSerializable(typeof(TermMatchRecord))]
[JsonSerializable(typeof(Article))]
[JsonSerializable(typeof(DigestRecord))]
[JsonSerializable(typeof(WatchTerm))]
[JsonSerializable(typeof(FeedSource))]
[JsonSerializable(typeof(ArticleFeedback))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
