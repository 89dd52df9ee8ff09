namespace ItemEval.Runtime.Reporting;

/// <summary>
/// The reproducibility manifest (export/manifest.json): what data, templates, conditions, graders and tool produced
/// the exported tables, so a paper's numbers can be traced and re-run.
/// </summary>
public sealed record Manifest(
    int ManifestVersion,
    string Study,
    string ToolVersion,
    GitState Git,
    DateTimeOffset ExportedAt,
    IReadOnlyList<ManifestDataset> Datasets,
    IReadOnlyList<ManifestTemplate> Templates,
    IReadOnlyList<ManifestCondition> Conditions,
    IReadOnlyList<ManifestGrader> Graders,
    int Epochs,
    IReadOnlyList<ExportedTable> Tables);

public sealed record GitState(string? Commit, bool? Dirty);

public sealed record ManifestDataset(string Name, string Path, string Sha256, int Items);

public sealed record ManifestTemplate(string Name, string Path, string? SystemPath, string Sha256);

public sealed record ManifestCondition(string Id, string Model, string Lane, string Template, IReadOnlyDictionary<string, object> Parameters);

public sealed record ManifestGrader(string Name, string Type, string? Scheme, IReadOnlyDictionary<string, string> Options);
