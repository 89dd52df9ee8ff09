namespace ItemEval.Runtime.Stages;

/// <summary>Where a stage works: the study file, the artifacts folder for this study, switches and a reporter.</summary>
public sealed record StageContext(
    string StudyFile,
    string ArtifactsDirectory,
    StageOptions Options,
    IStageReporter Reporter)
{
    public string ExportDirectory => Path.Combine(ArtifactsDirectory, "export");

    public string StampDirectory => Path.Combine(ArtifactsDirectory, "stamps");
}
