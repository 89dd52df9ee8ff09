using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Grading;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Grade;

/// <summary>
/// What one Grade run grades and the plan it leaves: the same gradings as <see cref="GradePlans"/> (the rule Status and
/// the estimate apply in memory), but the per-solution plan is staged in the store set-based (<see cref="StagedGradingPlan"/>),
/// only the solutions new to it are keyed, and only the pending ones are read. Pairwise judges, which grade few
/// solutions at a judge call each, are still planned in memory.
/// </summary>
internal sealed class GradeRunPlan : IDisposable
{
    private readonly StagedGradingPlan _solutions;
    private readonly PairwisePlan _pairs;
    private readonly IReadOnlyDictionary<string, Item> _items;
    private readonly IReadOnlyDictionary<string, GraderConfig> _byName;

    private GradeRunPlan(IReadOnlyList<GraderConfig> graders, StagedGradingPlan solutions, PairwisePlan pairs, IReadOnlyDictionary<string, Item> items)
    {
        Graders = graders;
        _solutions = solutions;
        _pairs = pairs;
        _items = items;
        _byName = graders.ToDictionary(grader => grader.Name, StringComparer.Ordinal);
        Planned = checked((int)solutions.Rows) + pairs.Entries.Count;
    }

    public IReadOnlyList<GraderConfig> Graders { get; }

    public int Planned { get; }

    /// <summary>Whether any pending grading is a judge's (the run then needs the judge models' clients).</summary>
    public bool JudgesPending =>
        _pairs.Pending.Count > 0 || _solutions.PendingGraders().Any(grader => _byName[grader].Judge is not null);

    /// <summary>The gradings to run, the per-solution ones streamed from the store.</summary>
    public IEnumerable<PendingGrading> Pending =>
        _solutions.Pending()
            .Select(planned => new PendingGrading(planned.Solution, _items[planned.Solution.ItemUid], _byName[planned.Grader], planned.GradingKey)
            {
                ReplacesStored = planned.Stored,
            })
            .Concat(_pairs.Pending);

    public static GradeRunPlan Stage(LoadedStudy study, StudyStore store)
    {
        var graders = StudyGraders.Of(study, store);
        var solutions = StagedGradingPlan.Stage(store, graders.PerSolution, graders.KeyOf);
        try
        {
            return new GradeRunPlan(graders.All, solutions, graders.Pairs(study, store), graders.Items);
        }
        catch
        {
            solutions.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Status's counts of the plan <see cref="Stage"/> would stage, per grader, without staging it: per-solution graders
    /// counted in one aggregate over the stored plan (<see cref="PlannedGradingCounter"/>), pairwise judges in memory.
    /// </summary>
    public static (IReadOnlyList<GraderConfig> Graders, IReadOnlyList<PlannedGradingCounts> SolutionCounts, IReadOnlyList<PairwisePlanEntry> PairEntries) Count(
        LoadedStudy study, StudyStore store)
    {
        var graders = StudyGraders.Of(study, store);
        return (graders.All, PlannedGradingCounter.Count(store, graders.PerSolution, graders.KeyOf), graders.Pairs(study, store).Entries);
    }

    /// <summary>The pairwise judges' planned gradings (planned in memory).</summary>
    public IReadOnlyList<PairwisePlanEntry> PairEntries => _pairs.Entries;

    /// <summary>Stores the plan (only its changed rows) once the run's gradings are stored.</summary>
    public PlanChange Apply() => _solutions.Apply(_pairs.Entries);

    public void Dispose() => _solutions.Dispose();

    /// <summary>The study's graders as a plan sees them: per-solution ones with their keys, pairwise judges apart.</summary>
    private sealed record StudyGraders(
        IReadOnlyList<GraderConfig> All,
        IReadOnlyList<PlannedGrader> PerSolution,
        IReadOnlyList<GraderConfig> Pairwise,
        Func<string, string, string> KeyOf,
        IReadOnlyDictionary<string, Item> Items)
    {
        public static StudyGraders Of(LoadedStudy study, StudyStore store)
        {
            var items = store.Items.ByUid();
            var graders = study.EffectiveGraders(items.Values.Select(item => item.Scheme));
            var perSolution = graders.Where(grader => grader.Type != GradePlans.PairwiseType).ToList();
            var schemes = items.Values.Select(item => item.Scheme).Distinct(StringComparer.Ordinal).ToList();
            string? Prompt(GraderConfig grader) => study.JudgePrompts.GetValueOrDefault(grader.Name)?.ContentHash;

            // Each grader's key template made once: keying every solution new to the plan is then a hash per key.
            var keysOf = perSolution.ToDictionary(grader => grader.Name, grader => GradingKeys.ForCells(grader, Prompt(grader)), StringComparer.Ordinal);
            var planned = perSolution
                .Select(grader => new PlannedGrader(grader, GradingKeys.OfGrader(grader, Prompt(grader)), schemes.Where(scheme => GraderSelection.AppliesTo(grader, scheme)).ToList()))
                .ToList();
            return new StudyGraders(
                graders,
                planned,
                graders.Where(grader => grader.Type == GradePlans.PairwiseType).ToList(),
                (cell, grader) => keysOf[grader](cell),
                items);
        }

        /// <summary>Read only when a study has pairwise judges: a large study of verifiable scorers never loads every solution.</summary>
        public PairwisePlan Pairs(LoadedStudy study, StudyStore store) =>
            Pairwise.Count == 0
                ? new PairwisePlan([], [])
                : PairwisePlan.For(store.Solutions.Gradable(), Items, Pairwise, study.Conditions, study.JudgePrompts, store.Gradings.FinishedKeys());
    }
}
