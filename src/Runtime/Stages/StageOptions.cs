namespace ItemEval.Runtime.Stages;

/// <summary>The run's switches, as the front end passed them (command line, then environment).</summary>
/// <param name="Yes">Spending is confirmed (never lifts the hard cap).</param>
/// <param name="Policy">The estimate policy: expected or worst-case.</param>
/// <param name="NoWait">Generate submits (or refreshes) provider batches and returns without waiting for them.</param>
/// <param name="CancelBatches">Clean cancels batches in flight at the provider instead of refusing.</param>
/// <param name="DataRoots">Folders besides the study's own that study.yaml may name files in (<c>--data-root</c>).</param>
public sealed record StageOptions(
    bool Yes = false,
    string Policy = "expected",
    bool UpdateLocks = false,
    bool NoCache = false,
    bool DryRun = false,
    bool VerifyFirst = false,
    IReadOnlyList<string>? DataRoots = null,
    bool NoWait = false,
    bool CancelBatches = false);
