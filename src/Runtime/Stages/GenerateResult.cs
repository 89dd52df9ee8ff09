namespace ItemEval.Runtime.Stages;

/// <summary>What one Generate run did, and the failures that remain (the next run retries them).</summary>
/// <param name="Complete">Every cell the run policy covers (<see cref="PolicyScope"/>) is finished: the target may mark itself up to date.</param>
public sealed record GenerateResult(
    string RunId,
    int Pending,
    int Done,
    int Failed,
    int Empty,
    int CacheHits,
    int Calls,
    IReadOnlyList<Store.ConditionFailures> RemainingFailures,
    string SolutionsFingerprint,
    bool Complete)
{
    /// <summary>Cells that failed without connecting to their provider (see <see cref="Generate.GenerateTally.NotConnected"/>).</summary>
    public int NotConnected { get; init; }
}
