using System.Reflection;

namespace ItemEval.Build;

/// <summary>Where the repository, the targets file and the task assembly are, seen from the front end.</summary>
internal sealed record RepoPaths(string Root)
{
    public string TargetsFile => Path.Combine(Root, "src", "Tasks", "ItemEval.targets");

    public string TasksAssembly => TaskAssemblyChoice.Choose(
        Path.Combine(Root, "src", "Tasks", "bin", Configuration, "net10.0"),
        Configuration == "Release" ? Path.Combine(Root, "src", "Tasks", "bin", "ReadyToRun") : null);

    public string Studies => Path.Combine(Root, "studies");

    public string ArtifactsRoot =>
        Environment.GetEnvironmentVariable("ITEMEVAL_ARTIFACTS") is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(Root, "artifacts");

    /// <summary>The front end uses the task assembly of its own configuration (build.sh builds Release).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static RepoPaths Find()
    {
        if (Environment.GetEnvironmentVariable("ITEMEVAL_ROOT") is { Length: > 0 } root)
        {
            return new RepoPaths(Path.GetFullPath(root));
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ItemEval.sln")))
            {
                return new RepoPaths(directory.FullName);
            }
        }

        throw new UsageException("cannot find the repository (no ItemEval.sln above the front end); set ITEMEVAL_ROOT");
    }
}
