namespace ItemEval.Runtime.Config;

/// <summary>
/// Whether a model's pending cells go through its provider's batch API (<c>batch:</c> at the top of study.yaml, or on a
/// model). Auto batches when there are at least <see cref="BatchConfig.MinCells"/> pending cells and the provider has a
/// batch API; True insists (an error at load time on a provider without one); False never batches.
/// </summary>
public enum BatchMode
{
    False,
    True,
    Auto,
}
