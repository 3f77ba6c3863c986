namespace NewsMonitor.Management;

/// <summary>
/// What a name people give (a term's or subscriber's name, a feed's title) may hold: one line of text, at most
/// <see cref="MaxNameLength"/> characters, no control character (NUL, ESC, CR, LF, …), which would break a digest's
/// subject, a log line or the page.
/// </summary>
public static class TextRules
{
    public const int MaxNameLength = 200;

    /// <summary>Null when <paramref name="value"/> is an acceptable name (or absent), else the reason, naming <paramref name="field"/>.</summary>
    public static string? NameProblem(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > MaxNameLength)
        {
            return $"{field} is {value.Length} characters long; at most {MaxNameLength} are allowed";
        }

        var control = value.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (control < 0)
        {
            control = value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        }

        return control < 0
            ? null
            : $"{field} contains a control character (U+{(int)value[control]:X4}) at position {control + 1}; a name is one line of printable text";
    }
}
