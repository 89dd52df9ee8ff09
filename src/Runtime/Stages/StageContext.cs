namespace ItemEval.Runtime.Stages;

/// <summary>Where a stage works: the study file, the artifacts folder for this study, switches and a reporter.</summary>
/// <param name="Environment">Where keys and base URLs come from; null is the process environment (tests pass their own).</param>
/// <param name="Retries">Retry policy; null is <see cref="Providers.Resilience.RetrySettings.Default"/>.</param>
/// <param name="Confirmation">Who the budget gate asks before spending; null is the console (a terminal when stdin is not redirected).</param>
/// <param name="Studies">Shares the loaded study between the stages of one build; null loads it afresh each time.</param>
public sealed record StageContext(
    string StudyFile,
    string ArtifactsDirectory,
    StageOptions Options,
    IStageReporter Reporter,
    Providers.Catalog.IEnvironment? Environment = null,
    Providers.Resilience.RetrySettings? Retries = null,
    IStudyShare? Studies = null,
    Budget.Gate.IConfirmation? Confirmation = null)
{
    public string ExportDirectory => Path.Combine(ArtifactsDirectory, "export");

    public string StampDirectory => Path.Combine(ArtifactsDirectory, "stamps");
}
