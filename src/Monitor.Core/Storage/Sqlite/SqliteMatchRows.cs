using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NewsMonitor.Storage.Sqlite;

/// <summary>
/// Writes the match rows and inbox rows of articles inside a write, idempotent per (article, term) and per
/// (subscriber, article, term). The match stage writes a batch with it, and a poll that matched its articles writes
/// them with the articles themselves. Each statement is prepared once per write, and only when a row needs it: most
/// articles match nothing.
/// </summary>
internal sealed class SqliteMatchRows(SqliteConnection connection, DateTimeOffset addedAt) : IDisposable
{
    private readonly object added = addedAt.Db();
    private (SqliteCommand Command, SqliteParameter Article, SqliteParameter Term, SqliteParameter Time, SqliteParameter Highlights)? matchInsert;
    private (SqliteCommand Command, SqliteParameter Subscriber, SqliteParameter Article, SqliteParameter Term)? inboxInsert;

    /// <summary>The rows' values, highlights serialised: made before the turn to write, which other writers wait for.</summary>
    public static Rows ValuesOf(ArticleMatches found) => new(
        found.ArticleId,
        found.Matches.Select(m => new MatchValues(m.TermId, m.MatchedAt.Db(), JsonSerializer.Serialize(m.Highlights, StorageJson.Options))).ToArray(),
        found.Inbox);

    public void Write(Rows rows)
    {
        foreach (var match in rows.Matches)
        {
            var (command, article, term, time, highlights) = matchInsert ??= PrepareMatchInsert();
            (article.Value, term.Value, time.Value, highlights.Value) = (rows.ArticleId, match.TermId, match.MatchedAt, match.Highlights);
            command.ExecuteNonQuery();
        }

        foreach (var entry in rows.Inbox)
        {
            var (command, subscriber, article, term) = inboxInsert ??= PrepareInboxInsert();
            (subscriber.Value, article.Value, term.Value) = (entry.SubscriberId, rows.ArticleId, entry.TermId);
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        matchInsert?.Command.Dispose();
        inboxInsert?.Command.Dispose();
    }

    private (SqliteCommand, SqliteParameter, SqliteParameter, SqliteParameter, SqliteParameter) PrepareMatchInsert()
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO matches (article_id, term_id, matched_at, highlights) VALUES ($a, $t, $at, $h) ON CONFLICT DO NOTHING";
        var parameters = (command, Parameter(command, "$a"), Parameter(command, "$t"), Parameter(command, "$at"), Parameter(command, "$h"));
        command.Prepare();
        return parameters;
    }

    private (SqliteCommand, SqliteParameter, SqliteParameter, SqliteParameter) PrepareInboxInsert()
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO pending (subscriber_id, article_id, term_id, added_at) VALUES ($s, $a, $t, $at) ON CONFLICT DO NOTHING";
        var parameters = (command, Parameter(command, "$s"), Parameter(command, "$a"), Parameter(command, "$t"));
        command.Parameters.AddWithValue("$at", added);
        command.Prepare();
        return parameters;
    }

    private static SqliteParameter Parameter(SqliteCommand command, string name) => command.Parameters.Add(new SqliteParameter { ParameterName = name });

    internal readonly record struct MatchValues(string TermId, object MatchedAt, string Highlights);

    internal sealed record Rows(string ArticleId, MatchValues[] Matches, IReadOnlyList<InboxEntry> Inbox);
}
