namespace ItemEval.Build.Logging;

/// <summary>How a target ended, as the summary table shows it.</summary>
internal enum TargetStatus
{
    NotRun,
    Succeeded,

    /// <summary>
    /// Ran to its end but reported errors that are results, not reasons to stop the build (failed cells, failed
    /// gradings): the build goes on to export what there is, and the exit code says it failed.
    /// </summary>
    FinishedWithErrors,
    UpToDate,
    Failed,
}
