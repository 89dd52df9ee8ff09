namespace ItemEval.Build.Logging;

/// <summary>How a target ended, as the summary table shows it.</summary>
internal enum TargetStatus
{
    NotRun,
    Succeeded,
    UpToDate,
    Failed,
}
