namespace ItemEval.Runtime.Config;

/// <summary>
/// Where study.yaml may name files: its own folder, and folders the user names on the command line
/// (<c>--data-root</c>). A study someone shares must not be able to send the user's other files to a provider.
/// Containment is decided on real paths, after every symbolic link is followed.
/// </summary>
public sealed class AllowedFolders
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly IReadOnlyList<string> _realFolders;

    public AllowedFolders(string studyDirectory, IReadOnlyList<string>? dataRoots = null)
    {
        StudyDirectory = studyDirectory;
        DataRoots = dataRoots ?? [];
        _realFolders = [RealPath.Of(studyDirectory), .. DataRoots.Select(RealPath.Of)];
    }

    public string StudyDirectory { get; }

    public IReadOnlyList<string> DataRoots { get; }

    /// <summary>Where <paramref name="path"/> (relative to the study folder, or absolute) really leads.</summary>
    public StudyPath Locate(string path)
    {
        var full = Path.GetFullPath(Path.Combine(StudyDirectory, path));
        string real;
        try
        {
            real = RealPath.Of(Path.Combine(StudyDirectory, path));
        }
        catch (IOException)
        {
            // A loop of links leads nowhere, and so nowhere allowed.
            return new StudyPath(full, full, Allowed: false);
        }

        return new StudyPath(full, real, _realFolders.Any(folder => IsUnder(real, folder)));
    }

    /// <summary>What to tell the user: which folders are allowed and how to allow another.</summary>
    public string Explain() =>
        DataRoots.Count == 0
            ? $"the study folder {StudyDirectory}; move the file into it, or name its folder with --data-root <dir> (or ITEMEVAL_DATA_ROOT)"
            : $"the study folder {StudyDirectory} or --data-root {string.Join(", ", DataRoots)}; move the file, or name its folder with --data-root <dir>";

    private static bool IsUnder(string path, string folder)
    {
        var withSeparator = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(withSeparator, PathComparison);
    }
}
