namespace ItemEval.Build.Arguments;

/// <summary>
/// Makes each <c>--data-root</c> absolute and checks it is a folder, so a typo is a usage error here rather than every
/// data file of the study being reported as outside the study folder.
/// </summary>
internal static class DataRootResolver
{
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> dataRoots) =>
        dataRoots.Select(root =>
        {
            var full = Path.GetFullPath(root);
            return Directory.Exists(full) ? full : throw new UsageException($"--data-root {root}: no such folder ({full})");
        }).ToList();
}
