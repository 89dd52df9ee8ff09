namespace ItemEval.Runtime.Stages;

/// <summary>The run's switches, as the front end passed them (command line, then environment).</summary>
/// <param name="Yes">Spending is confirmed (never lifts the hard cap).</param>
/// <param name="Estimate">Which estimate the gate checks: expected or worst-case (<c>--estimate</c>).</param>
/// <param name="Policy">The run policy from <c>--policy</c> (dev, full-interactive, full-batch); null leaves it to study.yaml.</param>
/// <param name="RefreshPricing">Fetch the price catalog before pricing anything (<c>--refresh-pricing</c>).</param>
/// <param name="NoWait">Generate and Grade submit (or refresh) provider batches and return without waiting for them.</param>
/// <param name="CancelBatches">Clean cancels batches in flight at the provider instead of refusing.</param>
/// <param name="DataRoots">Folders besides the study's own that study.yaml may name files in (<c>--data-root</c>).</param>
public sealed record StageOptions(
    bool Yes = false,
    string Estimate = "expected",
    bool UpdateLocks = false,
    bool NoCache = false,
    bool DryRun = false,
    bool VerifyFirst = false,
    IReadOnlyList<string>? DataRoots = null,
    string? Policy = null,
    bool RefreshPricing = false,
    bool NoWait = false,
    bool CancelBatches = false);
