namespace ItemEval.Runtime.Reporting;

/// <summary>Progress of one condition: how many cells are expected, done, failed, empty or still to run.</summary>
public sealed record ConditionStatus(string ConditionId, int Expected, int Done, int Errors, int Empty, int Pending, int Retries, decimal? Usd)
{
    /// <summary>
    /// The cells Generate would run (<see cref="Store.SolutionRepository.PendingCount"/>'s rule): never generated, failed,
    /// and empty ones when the design reruns them.
    /// </summary>
    public int ToGenerate(bool rerunEmpty) => Pending + Errors + (rerunEmpty ? Empty : 0);
}
