using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// The judgments pairwise judges stand on: for each item and epoch, each pair of conditions (every pair, or each
/// condition against the baseline) in both orders. <see cref="Entries"/> is what the export combines; <see cref="Pending"/>
/// the ones not yet stored (or errored). Only answered solutions are paired.
/// </summary>
internal sealed record PairwisePlan(IReadOnlyList<PairwisePlanEntry> Entries, IReadOnlyList<PendingGrading> Pending)
{
    public static PairwisePlan For(
        IReadOnlyList<GradableSolution> solutions,
        IReadOnlyDictionary<string, Item> items,
        IReadOnlyList<GraderConfig> pairwiseGraders,
        IReadOnlyList<Condition> conditions,
        IReadOnlyDictionary<string, JudgePrompt> prompts,
        IReadOnlySet<string> finished)
    {
        var entries = new List<PairwisePlanEntry>();
        var pending = new List<PendingGrading>();
        var order = conditions.Select((condition, index) => (condition.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);
        var groups = solutions.Where(solution => solution.Status == SolutionStatus.Done && order.ContainsKey(solution.ConditionId))
            .GroupBy(solution => (solution.ItemUid, solution.Epoch))
            .Select(group => group.OrderBy(solution => order[solution.ConditionId]).ToList())
            .ToList();
        foreach (var grader in pairwiseGraders)
        {
            var baseline = grader.Judge!.Against is { } against ? PairwiseBaseline.Resolve(against, conditions)?.Id : null;
            foreach (var group in groups)
            {
                var item = items[group[0].ItemUid];
                if (!GraderSelection.AppliesTo(grader, item))
                {
                    continue;
                }

                foreach (var (x, y) in Pairs(group, baseline))
                {
                    foreach (var (first, second) in new[] { (x, y), (y, x) })
                    {
                        var key = GradingKeys.For(first.CellKey, grader, prompts[grader.Name].ContentHash, second.CellKey);
                        entries.Add(new PairwisePlanEntry(key, grader.Name, item.Uid, first.Epoch, first.ConditionId, second.ConditionId));
                        if (!finished.Contains(key))
                        {
                            pending.Add(new PendingGrading(first, item, grader, key, second));
                        }
                    }
                }
            }
        }

        return new PairwisePlan(entries, pending);
    }

    private static IEnumerable<(GradableSolution, GradableSolution)> Pairs(List<GradableSolution> group, string? baseline)
    {
        for (var i = 0; i < group.Count; i++)
        {
            for (var j = i + 1; j < group.Count; j++)
            {
                if (baseline is null || group[i].ConditionId == baseline || group[j].ConditionId == baseline)
                {
                    yield return (group[i], group[j]);
                }
            }
        }
    }
}
