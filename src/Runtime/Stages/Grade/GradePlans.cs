using ItemEval.Runtime.Config;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// Every grading the study's graders stand on, from what the store holds: per solution (scorers, rubric and
/// compliance judges) and per ordered pair of conditions (pairwise judges), planned in memory: the
/// judge estimate prices the pending ones. Grade applies the same rule set-based in the store (<see cref="GradeRunPlan"/>).
/// </summary>
internal sealed record GradePlans(IReadOnlyList<GraderConfig> Graders, IReadOnlyList<GraderConfig> PerSolution, GradingPlan Solutions, PairwisePlan Pairs)
{
    public const string PairwiseType = "pairwise";

    public IEnumerable<PendingGrading> Pending => Solutions.Pending.Concat(Pairs.Pending);

    public int Planned => Solutions.Entries.Count + Pairs.Entries.Count;

    /// <summary>Every planned grading's key with its grader's name.</summary>
    public IEnumerable<(string Grader, string GradingKey)> Keys =>
        Solutions.Entries.Select(entry => (entry.Grader, entry.GradingKey)).Concat(Pairs.Entries.Select(entry => (entry.Grader, entry.GradingKey)));

    public static GradePlans For(LoadedStudy study, StudyStore store)
    {
        var items = store.Items.ByUid();
        var graders = study.EffectiveGraders(items.Values.Select(item => item.Scheme));
        var perSolution = graders.Where(grader => grader.Type != PairwiseType).ToList();
        var solutions = store.Solutions.Gradable();
        var finished = store.Gradings.FinishedKeys();
        return new GradePlans(
            graders,
            perSolution,
            GradingPlan.For(solutions, items, perSolution, finished, grader => study.JudgePrompts.GetValueOrDefault(grader.Name)?.ContentHash),
            PairwisePlan.For(solutions, items, graders.Where(grader => grader.Type == PairwiseType).ToList(), study.Conditions, study.JudgePrompts, finished));
    }
}
