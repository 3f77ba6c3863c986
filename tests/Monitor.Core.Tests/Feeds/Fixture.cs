namespace NewsMonitor.Tests.Feeds;

/// <summary>The fixture feeds in Feeds/Fixtures, copied next to the test assembly byte for byte.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Feeds", "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));
}
