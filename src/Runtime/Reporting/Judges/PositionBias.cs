using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// How much a pairwise judge's verdicts depend on position: the share of its verdicts (ties included) that chose the
/// answer in the first position, and the share of pairs whose two orders disagreed. An unbiased judge of equally good
/// conditions is near 0.5 and its inconsistency near 0; one that always picks the first position is at 1.0 and 1.0.
/// </summary>
public sealed record PositionBias(string Grader, int Judgments, int Verdicts, int FirstWins, int SecondWins, int Ties, int Pairs, int InconsistentPairs)
{
    public double? FirstPositionShare => Verdicts == 0 ? null : (double)FirstWins / Verdicts;

    public double? InconsistencyRate => Pairs == 0 ? null : (double)InconsistentPairs / Pairs;

    public static IReadOnlyList<PositionBias> For(IReadOnlyList<PairwiseJudgment> judgments, IReadOnlyList<PairComparison> comparisons) =>
        judgments.GroupBy(judgment => judgment.Grader, StringComparer.Ordinal)
            .Select(group => new PositionBias(
                group.Key,
                group.Count(),
                group.Count(judgment => judgment.FirstScore is not null),
                group.Count(judgment => judgment.FirstScore == 1),
                group.Count(judgment => judgment.FirstScore == 0),
                group.Count(judgment => judgment.FirstScore is > 0 and < 1),
                comparisons.Count(comparison => comparison.Grader == group.Key),
                comparisons.Count(comparison => comparison.Grader == group.Key && comparison.Inconsistent)))
            .ToList();
}
