using System.Collections.Concurrent;

namespace NewsMonitor.Azure;

/// <summary>
/// Creates each named resource (a queue, a table) once per process, on first use; a failed creation is
/// forgotten so the next call tries again instead of failing forever.
/// </summary>
internal sealed class CreatedOnce<T>(Func<string, Task<T>> create)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> created = new(StringComparer.Ordinal);

    public async Task<T> GetAsync(string name)
    {
        var entry = created.GetOrAdd(name, n => new Lazy<Task<T>>(() => create(n)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            created.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, entry));
            throw;
        }
    }
}
