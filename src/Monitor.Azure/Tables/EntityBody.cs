using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using NewsMonitor.Storage;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// Stores a record as its JSON document (the StorageJson shape every store shares) in an entity. A string
/// property holds at most 64 KiB (32K UTF-16 characters), so a longer document is cut into Body, Body1, ...
/// An entity holds at most 1 MiB in all, hence <see cref="MaxChars"/>.
/// </summary>
internal static class EntityBody
{
    public const int ChunkChars = 30_000;
    public const int MaxChars = 15 * ChunkChars;

    private const string Body = "Body";
    private const string Chunks = "BodyChunks";

    /// <summary>StorageJson's shape; non-ASCII text is kept as is instead of \u-escaped, since size counts here.</summary>
    public static readonly JsonSerializerOptions Json = new(StorageJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static TableEntity Create<T>(string partitionKey, string rowKey, T value) => Create(partitionKey, rowKey, Serialize(value));

    public static TableEntity Create(string partitionKey, string rowKey, string json)
    {
        if (json.Length > MaxChars)
        {
            throw new ArgumentException($"A stored document is {json.Length} characters; a table entity holds at most {MaxChars}.", nameof(json));
        }

        var entity = new TableEntity(partitionKey, rowKey);
        var count = Math.Max(1, (json.Length + ChunkChars - 1) / ChunkChars);
        for (var i = 0; i < count; i++)
        {
            var start = i * ChunkChars;
            entity[i == 0 ? Body : Body + i] = json.Substring(start, Math.Min(ChunkChars, json.Length - start));
        }

        entity[Chunks] = count;
        return entity;
    }

    public static T Read<T>(TableEntity entity)
    {
        var count = entity.GetInt32(Chunks) ?? 1;
        var json = count == 1 ? entity.GetString(Body) : string.Concat(Enumerable.Range(0, count).Select(i => entity.GetString(i == 0 ? Body : Body + i)));
        return JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException($"Entity {entity.PartitionKey}/{entity.RowKey} has an empty body.");
    }
}
