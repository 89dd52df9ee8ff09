using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>
/// Combines the two orders of each pair: agreement gives that winner; disagreement is a tie counted as
/// position-inconsistent. A pair one of whose orders has no verdict (not judged yet, an error or a parse failure)
/// is left out of the comparisons; it still counts in the judgments it has.
/// </summary>
public static class PairwiseCombiner
{
    public static IReadOnlyList<PairComparison> Combine(IReadOnlyList<PairwiseJudgment> judgments)
    {
        var byOrder = judgments.ToDictionary(judgment => (judgment.Grader, judgment.ItemUid, judgment.Epoch, judgment.FirstCondition, judgment.SecondCondition));
        var comparisons = new List<PairComparison>();
        foreach (var forward in judgments.Where(judgment => string.CompareOrdinal(judgment.FirstCondition, judgment.SecondCondition) < 0))
        {
            if (!byOrder.TryGetValue((forward.Grader, forward.ItemUid, forward.Epoch, forward.SecondCondition, forward.FirstCondition), out var backward)
                || Winner(forward) is not { } one || Winner(backward) is not { } other)
            {
                continue;
            }

            var agreed = one == other;
            comparisons.Add(new PairComparison(forward.Grader, forward.ItemUid, forward.Epoch, forward.FirstCondition, forward.SecondCondition,
                agreed && one != Tie ? one : null, !agreed));
        }

        return comparisons;
    }

    private const string Tie = "";

    /// <summary>The condition a judgment preferred, <see cref="Tie"/> for a tie, null when it gave no verdict.</summary>
    private static string? Winner(PairwiseJudgment judgment) => judgment.FirstScore switch
    {
        null => null,
        1 => judgment.FirstCondition,
        0 => judgment.SecondCondition,
        _ => Tie,
    };
}
