using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// Which pending judge gradings Grade sends to the judge model's provider batch API: the same rule as Generate's cells
/// (<see cref="BatchRoutes.Decide"/>: the judge model's <c>batch</c>, else the study's, the run policy, provider support,
/// <c>batch_min_cells</c> counted in judge calls per judge model), and always those a batch in flight already holds —
/// collected, never asked again. Gradings of empty answers need no call and stay with the interactive loop.
/// </summary>
/// <param name="Interactive">Graded by the interactive loop (scorers, judges called one by one).</param>
internal sealed record JudgeRoutes(IEnumerable<PendingGrading> Interactive, IReadOnlyList<JudgeBatchRequest> Batched)
{
    public static JudgeRoutes Split(
        IEnumerable<PendingGrading> pending, IReadOnlyDictionary<string, IGrader> graders, JudgeSession? judges, StageContext context, LoadedStudy study, StudyStore store)
    {
        var candidates = judges is null
            ? []
            : pending
                .Where(grading => grading.Solution.Status != SolutionStatus.Empty && graders[grading.Grader.Name] is LlmJudge)
                .Select(grading => new JudgeBatchRequest(grading, (LlmJudge)graders[grading.Grader.Name], grading.Context(judges)))
                .ToList();
        if (candidates.Count == 0)
        {
            return new JudgeRoutes(pending, []);
        }

        var policy = PolicyScope.For(context, study, store).Policy.Batch;
        var routes = BatchRoutes.Split(candidates, study.Config.Batch, policy, store.Batches.CellsInFlight(BatchStage.Grade), context.Reporter, "judge calls");
        if (routes.Batched.Count == 0)
        {
            return new JudgeRoutes(pending, []);
        }

        var keys = routes.Batched.Select(request => request.Key).ToHashSet(StringComparer.Ordinal);
        return new JudgeRoutes(pending.Where(grading => !keys.Contains(grading.GradingKey)), routes.Batched);
    }
}
