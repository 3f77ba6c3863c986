using System.Security.Cryptography;

namespace NewsMonitor.Digests;

/// <summary>
/// The unsubscribe signing key kept in the data directory when none is configured: generated once (256 random
/// bits), then read back, so links already sent keep working after a restart. Readable by its owner only.
/// </summary>
public static class SigningKeyFile
{
    public const string FileName = "unsubscribe-signing.key";

    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(key);
        }

        try
        {
            // Two processes starting at once: the first key written wins and both use it.
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return File.ReadAllText(path).Trim();
        }
    }
}
