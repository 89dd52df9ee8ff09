using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Estimating;

/// <summary>
/// The estimate BudgetCheck gates on and Estimate prints, from one place: the pending calls the run policy covers
/// and, on request, the whole grid, each measured for its model and priced with what the store has observed — per
/// stage: generation, and the LLM judges' calls on the stored answers and on the answers the pending cells will give.
/// </summary>
internal sealed class StudyEstimate
{
    private StudyEstimate(CostEstimate pending, CostEstimate? grid, CostEstimate judge, CostEstimate? judgeGrid, IReadOnlyDictionary<string, double> charsPerToken)
    {
        Pending = pending;
        Grid = grid;
        Judge = judge;
        JudgeGrid = judgeGrid;
        CharsPerToken = charsPerToken;
    }

    /// <summary>Generation: the pending cells the run policy covers.</summary>
    public CostEstimate Pending { get; }

    /// <summary>Every cell of the study, done or not; null unless asked for.</summary>
    public CostEstimate? Grid { get; }

    /// <summary>Judge calls still to make: on stored answers not yet graded by a judge, and on the pending cells' answers.</summary>
    public CostEstimate Judge { get; }

    /// <summary>Every judgment of the whole grid, made or not; null unless asked for.</summary>
    public CostEstimate? JudgeGrid { get; }

    /// <summary>Generation and judging together: what the gate compares with the budget.</summary>
    public CostEstimate Total => new([.. Pending.Lines, .. Judge.Lines], Pending.Policy);

    /// <summary>Calibrated characters per token by condition (models without a public tokenizer, once they have calls).</summary>
    public IReadOnlyDictionary<string, double> CharsPerToken { get; }

    public static StudyEstimate For(StageContext context, LoadedStudy study, StudyStore store, PolicyScope scope, PriceTable prices, bool withGrid)
    {
        var items = store.Items.ByUid();
        var observed = EstimateEvidence.Outputs(store);
        var charsPerToken = EstimateEvidence.CharsPerToken(study, store, items);
        var calls = new PendingCalls(study, items, charsPerToken);
        var policy = EstimatePolicy.Parse(context.Options.Estimate);

        // Judges read the pending cells one by one (their plans pair cells); without judges they are counted per item in the store.
        var judged = study.Config.Graders.Any(grader => grader.Judge is not null);
        var pendingCells = judged ? calls.WithCells(scope.Pending(store, study.Config.Design.RerunEmpty)) : [];
        var pendingCalls = judged ? pendingCells.Select(pair => pair.Call).ToList() : calls.PerItem(scope.PendingPerItem(store, study.Config.Design.RerunEmpty));
        var batched = BatchedModels(study, scope, pendingCalls);
        var pending = CostEstimator.Estimate(pendingCalls, prices, policy, observed, batched.Contains);
        var grid = withGrid ? CostEstimator.Estimate(calls.Grid(store), prices, policy, observed, batched.Contains) : null;

        var judgeOutputs = EstimateEvidence.JudgeOutputs(store);
        var judgeCalls = JudgeCalls.Of(study, store, items, pendingCells, wholeGrid: false);
        var judgeBatched = JudgeCalls.Batched(study, scope, judgeCalls);
        var judge = CostEstimator.EstimateJudges(judgeCalls, prices, policy, judgeOutputs, judgeBatched.Contains);
        // The grid's unanswered cells are read only for a study with judges (Estimate on a large study stays quick).
        var judgeGrid = !withGrid ? null : CostEstimator.EstimateJudges(
            judged ? JudgeCalls.Of(study, store, items, calls.WithCells(store.Solutions.Pending(rerunEmpty: false)), wholeGrid: true) : [],
            prices, policy, judgeOutputs, judgeBatched.Contains);
        return new StudyEstimate(pending, grid, judge, judgeGrid, charsPerToken);
    }

    /// <summary>The models whose pending calls Generate will send as batch jobs, by the rule it routes by.</summary>
    private static HashSet<string> BatchedModels(LoadedStudy study, PolicyScope scope, IReadOnlyList<PendingCall> pending)
    {
        var cellsPerModel = pending.GroupBy(call => call.Model, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Sum(call => call.Times), StringComparer.Ordinal);
        return study.Config.Design.Models
            .Where(model => BatchRoutes.Decide(model, cellsPerModel.GetValueOrDefault(model.Id), study.Config.Batch, scope.Policy.Batch) == BatchRoute.Batch)
            .Select(model => model.Id)
            .ToHashSet(StringComparer.Ordinal);
    }
}
