namespace ItemEval.Build.Arguments;

/// <summary>The study a <c>--study</c> value names: a folder with study.yaml, a study.yaml file, or a name under studies/.</summary>
internal static class StudyResolver
{
    public static ResolvedStudy Resolve(string value, RepoPaths paths)
    {
        if (File.Exists(value) && Path.GetFileName(value).EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
        {
            var file = Path.GetFullPath(value);
            return new ResolvedStudy(Path.GetFileName(Path.GetDirectoryName(file))!, file);
        }

        foreach (var directory in new[] { value, Path.Combine(paths.Studies, value) })
        {
            var file = Path.Combine(directory, "study.yaml");
            if (File.Exists(file))
            {
                var full = Path.GetFullPath(file);
                return new ResolvedStudy(Path.GetFileName(Path.GetDirectoryName(full))!, full);
            }
        }

        var available = Directory.Exists(paths.Studies)
            ? Directory.EnumerateDirectories(paths.Studies).Where(dir => File.Exists(Path.Combine(dir, "study.yaml"))).Select(dir => Path.GetFileName(dir)!).Order()
            : Enumerable.Empty<string>();
        throw new UsageException($"no study '{value}': looked for {Path.Combine(value, "study.yaml")} and {Path.Combine(paths.Studies, value, "study.yaml")}; available: {string.Join(", ", available)}");
    }
}
