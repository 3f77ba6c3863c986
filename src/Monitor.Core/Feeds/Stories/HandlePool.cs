namespace NewsMonitor.Feeds.Stories;

/// <summary>
/// Objects reached by a small number (a handle) instead of a reference, so that a large table can hold handles, which
/// the garbage collector need not scan. A handle is reused once its object is removed.
/// </summary>
internal sealed class HandlePool<T>
    where T : class
{
    private readonly Stack<int> free = new();
    private T?[] items;
    private int used;

    public HandlePool(int capacity) => items = new T?[capacity];

    public T this[int handle] => items[handle]!;

    public int Add(T item)
    {
        if (!free.TryPop(out var handle))
        {
            handle = used++;
            if (handle == items.Length)
            {
                Array.Resize(ref items, items.Length * 2);
            }
        }

        items[handle] = item;
        return handle;
    }

    public void Remove(int handle)
    {
        items[handle] = null;
        free.Push(handle);
    }
}
