namespace ItemEval.Runtime.Reporting;

/// <summary>
/// Export writes its files into <c>export/.in-progress/</c> and moves them into <c>export/</c> only once every table is
/// written and the books balance: the reconciliation now runs beside the table writes instead of before them, and a
/// failed Export must still leave the previous export's files as they were, no table newer than its manifest. The staged
/// tree mirrors export/ (a table's parts in its folder, cached CSV parts under <c>.parts/</c>, <see cref="ExportParts"/>).
/// </summary>
internal sealed class ExportStaging : IDisposable
{
    private readonly string _target;

    private ExportStaging(string target, string directory)
    {
        _target = target;
        Directory = directory;
    }

    /// <summary>Where the files are written until <see cref="Publish"/>.</summary>
    public string Directory { get; }

    public static ExportStaging Begin(string exportDirectory)
    {
        var staging = new ExportStaging(exportDirectory, Path.Combine(exportDirectory, ".in-progress"));
        staging.Delete(); // left by an Export that was killed
        System.IO.Directory.CreateDirectory(staging.Directory);
        return staging;
    }

    /// <summary>Moves every written file into the export directory, at the same relative path, replacing the previous export's.</summary>
    public void Publish()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*", SearchOption.AllDirectories).ToList())
        {
            var target = Path.Combine(_target, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
        }

        Delete();
    }

    /// <summary>A failed Export leaves nothing behind.</summary>
    public void Dispose() => Delete();

    private void Delete()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
