namespace ItemEval.Runtime.Config;

/// <summary>A study.yaml, parsed and validated. Paths are relative to <see cref="StudyDirectory"/>.</summary>
public sealed record StudyConfig(
    string Name,
    string? Description,
    string StudyFile,
    string StudyDirectory,
    IReadOnlyList<DatasetConfig> Datasets,
    DesignConfig Design,
    IReadOnlyList<GraderConfig> Graders,
    BudgetConfig Budget)
{
    /// <summary>Top-level <c>batch</c> and <c>batch_min_cells</c> (provider batch APIs; docs/batch.md).</summary>
    public BatchConfig Batch { get; init; } = BatchConfig.Off;

    public string Resolve(string relativePath) => Path.GetFullPath(Path.Combine(StudyDirectory, relativePath));
}
