using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// Which grading stands for each solution under each grader that applies (<see cref="Entries"/>, what exports join
/// through), and which of those still need a grader (<see cref="Pending"/>): new ones and errored ones.
/// </summary>
internal sealed record GradingPlan(IReadOnlyList<GradingPlanEntry> Entries, IReadOnlyList<PendingGrading> Pending)
{
    public static GradingPlan For(
        IReadOnlyList<GradableSolution> solutions,
        IReadOnlyDictionary<string, Item> items,
        IReadOnlyList<GraderConfig> graders,
        IReadOnlySet<string> finished,
        Func<GraderConfig, string?>? judgePrompt = null)
    {
        var entries = new List<GradingPlanEntry>();
        var pending = new List<PendingGrading>();
        foreach (var solution in solutions)
        {
            var item = items[solution.ItemUid];
            foreach (var grader in graders.Where(grader => GraderSelection.AppliesTo(grader, item)))
            {
                var key = GradingKeys.For(solution.CellKey, grader, judgePrompt?.Invoke(grader));
                entries.Add(new GradingPlanEntry(solution.CellKey, grader.Name, key));
                if (!finished.Contains(key))
                {
                    pending.Add(new PendingGrading(solution, item, grader, key));
                }
            }
        }

        return new GradingPlan(entries, pending);
    }
}
