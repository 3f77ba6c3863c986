using System.Text;
using System.Text.Json;
using NewsMonitor.Storage;

namespace NewsMonitor.Pipeline;

/// <summary>
/// The message on the "articles" queue: the ids of articles to match, a feed's new articles in one message.
/// Its JSON is <c>{"v":1,"ids":[...]}</c>. A body that is not a JSON object is the shape before batches, one bare
/// article id, which messages still queued during an upgrade have; it reads as a batch of one.
/// </summary>
public sealed record ArticleBatchMessage(IReadOnlyList<string> Ids)
{
    public const int Version = 1;

    /// <summary>A queue message is at most 64 KiB once base64-encoded (48 KiB of body); a batch stays under 36 KiB, so it fits with room to spare.</summary>
    public const int MaxBytes = 36 * 1024;

    // {"v":1,"ids":[]}
    private static readonly int EnvelopeBytes = Encoding.UTF8.GetByteCount("{\"v\":1,\"ids\":[]}");

    /// <summary>Reads a body of either shape; a batch of a version this code does not know is refused with a readable error.</summary>
    public static ArticleBatchMessage Parse(string body)
    {
        var text = body.Trim();
        if (!text.StartsWith('{'))
        {
            return new ArticleBatchMessage(text.Length == 0 ? [] : [text]);
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        if (!root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
        {
            throw new FormatException($"An article batch message must have \"v\":{Version}; this one is {Shorten(text)}.");
        }

        if (!root.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"An article batch message must have an \"ids\" array; this one is {Shorten(text)}.");
        }

        return new ArticleBatchMessage(ids.EnumerateArray().Select(id => id.GetString() ?? "").Where(id => id.Length > 0).ToList());
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteStartArray("ids");
            foreach (var id in Ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The ids in as few messages as fit under <see cref="MaxBytes"/> each, in their order.</summary>
    public static IEnumerable<ArticleBatchMessage> Split(IEnumerable<string> ids)
    {
        var batch = new List<string>();
        var size = EnvelopeBytes;
        foreach (var id in ids)
        {
            // The id as a JSON string, and the comma before it: an upper bound, as escapes are counted as six bytes.
            var idBytes = Encoding.UTF8.GetByteCount(id) + (id.Count(c => c is '"' or '\\' || char.IsControl(c) || c > '~') * 6) + 3;
            if (EnvelopeBytes + idBytes > MaxBytes)
            {
                throw new ArgumentException($"An article id of {id.Length} characters cannot be queued; ids are hashes of a few dozen.", nameof(ids));
            }

            if (batch.Count > 0 && size + idBytes > MaxBytes)
            {
                yield return new ArticleBatchMessage(batch);
                batch = [];
                size = EnvelopeBytes;
            }

            batch.Add(id);
            size += idBytes;
        }

        if (batch.Count > 0)
        {
            yield return new ArticleBatchMessage(batch);
        }
    }

    /// <summary>Queues the ids for matching, split into messages that fit a queue; nothing when there are none.</summary>
    public static async Task EnqueueAsync(IMessageQueue queue, IEnumerable<string> ids, CancellationToken ct)
    {
        foreach (var message in Split(ids))
        {
            await queue.EnqueueAsync(QueueNames.Articles, message.ToJson(), ct);
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
