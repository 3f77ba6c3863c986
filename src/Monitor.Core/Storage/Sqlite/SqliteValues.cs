using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

/// <summary>How values are written to and read from SQLite columns: times as round-trip ISO 8601 text in UTC.</summary>
internal static class SqliteValues
{
    public static object Db(this string? value) => value is null ? DBNull.Value : value;

    public static object Db(this DateTimeOffset? value) => value is { } v ? v.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;

    public static object Db(this DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? Text(this SqliteDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : reader.GetString(i);
    }

    public static DateTimeOffset? Time(this SqliteDataReader reader, string column) =>
        reader.Text(column) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    public static long Long(this SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));
}
