using System.Globalization;
using System.Text;

namespace NewsMonitor.Azure.Tables;

/// <summary>
/// Makes any id usable as a PartitionKey or RowKey. Keys may not contain / \ # ? or control characters;
/// those (and the escape character ~ itself, and % which some tools mishandle) become ~XXXX (UTF-16 code
/// unit in hex), so two different ids never share a key. Hash ids (articles, feeds) pass through unchanged.
/// </summary>
internal static class TableKeys
{
    public static string Encode(string id)
    {
        if (!id.Any(NeedsEscape))
        {
            return id;
        }

        var builder = new StringBuilder(id.Length + 16);
        foreach (var c in id)
        {
            if (NeedsEscape(c))
            {
                builder.Append('~').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c is '/' or '\\' or '#' or '?' or '~' or '%' || char.IsControl(c);
}
