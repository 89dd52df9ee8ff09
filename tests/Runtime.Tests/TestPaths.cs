namespace ItemEval.Runtime.Tests;

/// <summary>The shared benchmark files beside the checkout (<c>../shared/datasets</c>), found by walking up.</summary>
internal static class TestPaths
{
    public static string SharedDatasets { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, "shared", "datasets"), Path.Combine(directory.FullName, "..", "shared", "datasets") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("shared/datasets not found beside the checkout; CI puts ../shared next to the repository");
    }
}
