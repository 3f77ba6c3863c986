namespace NewsMonitor.Matching;

/// <summary>One normalised query word (or prefix, before its '*') and its key in the <see cref="WordIndex"/>.</summary>
internal readonly record struct QueryWord(string Text, bool IsPrefix, int Key)
{
    public override string ToString() => IsPrefix ? Text + "*" : Text;
}
