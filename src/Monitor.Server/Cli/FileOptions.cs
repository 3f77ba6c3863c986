using System.CommandLine;

namespace NewsMonitor.Server.Cli;

/// <summary>File options that name a missing file are a command-line mistake, said before anything runs.</summary>
public static class FileOptions
{
    public static Option<T> MustExist<T>(this Option<T> option)
        where T : FileSystemInfo?
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is FileInfo { Exists: false } file)
            {
                result.AddError($"{option.Name} {(result.Tokens.Count > 0 ? result.Tokens[^1].Value : file.FullName)}: no such file");
            }
        });
        return option;
    }
}
