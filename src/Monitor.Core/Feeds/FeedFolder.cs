using System.Text;

namespace NewsMonitor.Feeds;

/// <summary>
/// A feed's folder as one string: the titles of the folders it sits in, outermost first, joined with "/"
/// ("News/France"), the way feed readers nest outlines in OPML. A folder title may itself contain "/" ("AC/DC"):
/// it is written "\/" (and a backslash "\\"), so that splitting gives back exactly the titles that were joined and
/// an OPML file read and written again keeps its folders.
/// </summary>
public static class FeedFolder
{
    public const int MaxLength = 200;

    private const char Separator = '/';
    private const char Escape = '\\';

    /// <summary>The path of these folder titles, outermost first; blank titles are left out, and no title at all is null (the top level).</summary>
    public static string? Join(IEnumerable<string?> titles)
    {
        ArgumentNullException.ThrowIfNull(titles);
        var path = new StringBuilder();
        foreach (var title in titles)
        {
            var clean = Clean(title);
            if (clean.Length == 0)
            {
                continue;
            }

            if (path.Length > 0)
            {
                path.Append(Separator);
            }

            foreach (var c in clean)
            {
                path.Append(c is Separator or Escape ? $"{Escape}{c}" : c);
            }
        }

        return path.Length == 0 ? null : path.ToString();
    }

    /// <summary>The folder titles of a path, outermost first; none for null (the top level).</summary>
    public static IReadOnlyList<string> Split(string? folder)
    {
        var titles = new List<string>();
        if (folder is null)
        {
            return titles;
        }

        var title = new StringBuilder();
        for (var i = 0; i < folder.Length; i++)
        {
            var c = folder[i];
            if (c == Escape && i + 1 < folder.Length)
            {
                title.Append(folder[++i]);
            }
            else if (c == Separator)
            {
                Add(titles, title);
            }
            else
            {
                title.Append(c);
            }
        }

        Add(titles, title);
        return titles;
    }

    /// <summary>
    /// A folder as a person typed it, made canonical: each level trimmed and empty levels dropped
    /// (" News / France/ " is "News/France"), nothing left is null. Throws <see cref="FormatException"/> for
    /// control characters or a path longer than <see cref="MaxLength"/>.
    /// </summary>
    public static string? Normalize(string? folder)
    {
        if (folder is null)
        {
            return null;
        }

        if (folder.Any(char.IsControl))
        {
            throw new FormatException("folder must not contain control characters (line breaks, tabs)");
        }

        var path = Join(Split(folder));
        return path is { Length: > MaxLength }
            ? throw new FormatException($"folder is {path.Length} characters long; at most {MaxLength} are allowed")
            : path;
    }

    private static void Add(List<string> titles, StringBuilder title)
    {
        var clean = Clean(title.ToString());
        if (clean.Length > 0)
        {
            titles.Add(clean);
        }

        title.Clear();
    }

    // A title from a file may hold a line break or a tab: it becomes a space, so a stored folder never has one.
    private static string Clean(string? title) =>
        title is null ? "" : new string([.. title.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
}
