using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>Grades every finished solution with every grader that applies, skipping gradings already stored.</summary>
public static class GradeStage
{
    public static GradeResult Run(StageContext context, CancellationToken cancellationToken)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "Grade");
        var store = run.Store;
        var items = store.Items.ByUid();
        var graders = study.EffectiveGraders(items.Values.Select(item => item.Scheme));
        var existing = store.Gradings.Keys();
        var plan = new List<GradingPlanEntry>();
        var graded = 0;
        var ticker = new ProgressTicker(context.Reporter);
        var solutions = store.Solutions.Gradable();
        store.InTransaction(() =>
        {
            foreach (var solution in solutions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var item = items[solution.ItemUid];
                foreach (var grader in graders.Where(grader => GraderSelection.AppliesTo(grader, item)))
                {
                    var key = GradingKeys.For(solution.CellKey, grader);
                    plan.Add(new GradingPlanEntry(solution.CellKey, grader.Name, key));
                    if (existing.Contains(key))
                    {
                        continue;
                    }

                    var result = solution.Status == SolutionStatus.Empty
                        ? new ScoreResult(0, false, null, "empty output")
                        : ScorerRegistry.Get(grader.Type).Score(solution.Output, item, grader);
                    store.Gradings.Save(new GradingRecord(key, solution.CellKey, grader.Name, grader.Type, result.Score, result.Passed, result.Extracted, result.Detail, 0m, run.RunId));
                    graded++;
                    ticker.Tick(() => $"graded {graded} new, {plan.Count} in plan");
                    run.Progress.PublishIfDue(store);
                }
            }

            store.Gradings.ReplacePlan(graders, plan);
        });
        context.Reporter.Info($"{graders.Count} grader(s): {graded} new grading(s), {plan.Count - graded} already graded");
        run.Succeeded();
        return new GradeResult(graded, plan.Count, store.Gradings.Fingerprint());
    }
}
