using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsMonitor.Management;

/// <summary>
/// Ids of terms and subscribers: they appear in URLs and in files people edit, so they are short, plain
/// and stable. When a client gives none, one is made from a label ("AI Act" gives "ai-act").
/// </summary>
public static partial class ResourceIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string Describe(string id) =>
        $"id '{id}' must be 1 to {MaxLength} letters, digits, '-', '_' or '.', starting with a letter or digit";

    /// <summary>A valid id from a label, or null when the label has no letter or digit; "-2", "-3"… avoid taken ids.</summary>
    public static string? FromLabel(string? label, Func<string, bool> isTaken)
    {
        var slug = Slug(label ?? "");
        if (slug.Length == 0)
        {
            return null;
        }

        var candidate = slug;
        for (var n = 2; isTaken(candidate); n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            candidate = slug[..Math.Min(slug.Length, MaxLength - suffix.Length)] + suffix;
        }

        return candidate;
    }

    private static string Slug(string label)
    {
        var builder = new StringBuilder();
        foreach (var c in label.Normalize(NormalizationForm.FormKD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
