namespace ItemEval.Runtime.Stages;

/// <summary>What one Generate run did, and the failures that remain (the next run retries them).</summary>
public sealed record GenerateResult(
    string RunId,
    int Pending,
    int Done,
    int Failed,
    int Empty,
    int Calls,
    IReadOnlyList<Store.ConditionFailures> RemainingFailures,
    string SolutionsFingerprint);
