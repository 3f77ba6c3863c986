using System.Text.Json;

namespace NewsMonitor.Tests.Feeds;

/// <summary>
/// The hand-built story set (Fixtures/stories.json): wire stories, the versions other outlets ran (new headline,
/// rewritten lede, trimmed, paragraphs reordered, words changed), and stories on the same subjects that are not
/// the same story (the hard negatives: another Mistral deal, another Commission case, the mistral wind, a follow-up).
/// </summary>
internal sealed record StoryFixtures(IReadOnlyList<StoryFixtures.Item> Items)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StoryFixtures Load() =>
        new(JsonSerializer.Deserialize<List<Item>>(File.ReadAllText(Fixture.PathOf("stories.json")), Json)!);

    /// <summary>Every unordered pair of items, and whether the two tell the same story.</summary>
    public IEnumerable<(Item A, Item B, bool Same)> Pairs()
    {
        for (var i = 0; i < Items.Count; i++)
        {
            for (var j = i + 1; j < Items.Count; j++)
            {
                yield return (Items[i], Items[j], Items[i].Story == Items[j].Story);
            }
        }
    }

    /// <summary>The first story's original and its first retelling by another outlet.</summary>
    public (Item Original, Item Retold) FirstPair() => (Items[0], Items[1]);

    public sealed record Item(string Story, string Outlet, string Title, string Text);
}
