using System.Collections.Immutable;
using System.Text;

namespace NewsMonitor.Matching;

/// <summary>
/// Consecutive words in one field: a single word or prefix, or a phrase. A phrase is highlighted as
/// one span from its first word to its last.
/// </summary>
internal sealed class SequenceNode(ImmutableArray<QueryWord> words) : QueryNode, IPositionalNode
{
    public ImmutableArray<QueryWord> Words { get; } = words;

    public int MaxLength => Words.Length;

    public override bool IsTrueWithoutWords => false;

    public override bool IsTrue(ArticleHits hits) =>
        Words.Length == 1 ? !hits.HitsOf(Words[0].Key).IsEmpty : FindPhrases(hits, null);

    public override void AddHighlights(ArticleHits hits)
    {
        if (Words.Length == 1)
        {
            foreach (var hit in hits.HitsOf(Words[0].Key))
            {
                hits.Highlights.Add(hits.SpanOf(hit, hit));
            }

            return;
        }

        var occurrences = hits.Rent();
        FindPhrases(hits, occurrences);
        foreach (var occurrence in occurrences)
        {
            hits.Highlight(occurrence);
        }

        hits.Return(occurrences);
    }

    public void AddOccurrences(ArticleHits hits, List<Occurrence> occurrences)
    {
        if (Words.Length > 1)
        {
            FindPhrases(hits, occurrences);
            return;
        }

        foreach (var hit in hits.HitsOf(Words[0].Key))
        {
            var position = hits.PositionOf(hit);
            occurrences.Add(new Occurrence(position, position, hit, hit));
        }
    }

    public override KeyRequirements RequiredWhenTrue() => KeyRequirements.Words(Words);

    public override KeyRequirements RequiredWhenFalse() => KeyRequirements.None;

    public override void Describe(StringBuilder output)
    {
        if (Words.Length == 1)
        {
            output.Append(Words[0]);
            return;
        }

        output.Append('"').AppendJoin(' ', Words).Append('"');
    }

    /// <summary>
    /// Finds the phrase by walking each word's hits (in text order) once: positions only grow, so each
    /// word keeps a cursor. Stops at the first occurrence when <paramref name="occurrences"/> is null.
    /// </summary>
    private bool FindPhrases(ArticleHits hits, List<Occurrence>? occurrences)
    {
        var firstHits = hits.HitsOf(Words[0].Key);
        if (firstHits.IsEmpty)
        {
            return false;
        }

        Span<int> cursors = stackalloc int[Words.Length];
        var found = false;
        foreach (var firstHit in firstHits)
        {
            var start = hits.PositionOf(firstHit);
            var lastHit = firstHit;
            for (var i = 1; i < Words.Length; i++)
            {
                var wordHits = hits.HitsOf(Words[i].Key);
                var cursor = cursors[i];
                while (cursor < wordHits.Length && hits.PositionOf(wordHits[cursor]) < start + i)
                {
                    cursor++;
                }

                cursors[i] = cursor;
                if (cursor == wordHits.Length)
                {
                    return found;
                }

                if (hits.PositionOf(wordHits[cursor]) != start + i)
                {
                    lastHit = -1;
                    break;
                }

                lastHit = wordHits[cursor];
            }

            if (lastHit < 0)
            {
                continue;
            }

            found = true;
            if (occurrences is null)
            {
                return true;
            }

            occurrences.Add(new Occurrence(start, start + Words.Length - 1, firstHit, lastHit));
        }

        return found;
    }
}
