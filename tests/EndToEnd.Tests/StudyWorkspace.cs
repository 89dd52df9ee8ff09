using DuckDB.NET.Data;

namespace ItemEval.EndToEnd.Tests;

/// <summary>A temp copy of a study from studies/ plus its own artifacts root, deleted afterwards.</summary>
internal sealed class StudyWorkspace : IDisposable
{
    private StudyWorkspace(string root, string name)
    {
        Root = root;
        Name = name;
    }

    public string Root { get; }

    public string Name { get; }

    public string StudyDirectory => Path.Combine(Root, "studies", Name);

    public string ArtifactsRoot => Path.Combine(Root, "artifacts");

    public string StudyArtifacts => Path.Combine(ArtifactsRoot, Name);

    public string ExportDirectory => Path.Combine(StudyArtifacts, "export");

    public static StudyWorkspace CopyOf(string study)
    {
        var root = Path.Combine(Path.GetTempPath(), "itemeval-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        var workspace = new StudyWorkspace(root, study);
        CopyDirectory(Path.Combine(FrontEndProcess.RepoRoot, "studies", study), workspace.StudyDirectory);
        return workspace;
    }

    public FrontEndResult Build(params string[] arguments) =>
        FrontEndProcess.Run(ArtifactsRoot, [.. arguments, "--study", StudyDirectory]);

    public Task<FrontEndResult> BuildAsync(string[] arguments, Action<System.Diagnostics.Process, string> onOutput, IReadOnlyDictionary<string, string>? environment = null) =>
        FrontEndProcess.RunAsync(ArtifactsRoot, [.. arguments, "--study", StudyDirectory], onOutput, CancellationToken.None, environment);

    public T Query<T>(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(StudyArtifacts, "itemeval.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Edit(string relativePath, Func<string, string> change)
    {
        var path = Path.Combine(StudyDirectory, relativePath);
        File.WriteAllText(path, change(File.ReadAllText(path)));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
