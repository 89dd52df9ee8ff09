using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Estimating;

/// <summary>
/// The estimate BudgetCheck gates on and Estimate prints, from one place: the pending calls the run policy covers
/// and, on request, the whole grid, each measured for its model and priced with what the store has observed.
/// </summary>
internal sealed class StudyEstimate
{
    private StudyEstimate(CostEstimate pending, CostEstimate? grid, IReadOnlyDictionary<string, double> charsPerToken)
    {
        Pending = pending;
        Grid = grid;
        CharsPerToken = charsPerToken;
    }

    public CostEstimate Pending { get; }

    /// <summary>Every cell of the study, done or not; null unless asked for.</summary>
    public CostEstimate? Grid { get; }

    /// <summary>Calibrated characters per token by condition (models without a public tokenizer, once they have calls).</summary>
    public IReadOnlyDictionary<string, double> CharsPerToken { get; }

    public static StudyEstimate For(StageContext context, LoadedStudy study, StudyStore store, PolicyScope scope, PriceTable prices, bool withGrid)
    {
        var items = store.Items.ByUid();
        var observed = EstimateEvidence.Outputs(store);
        var charsPerToken = EstimateEvidence.CharsPerToken(study, store, items);
        var calls = new PendingCalls(study, items, charsPerToken);
        var policy = EstimatePolicy.Parse(context.Options.Estimate);

        var pendingCalls = calls.Of(scope.Pending(store, study.Config.Design.RerunEmpty)).ToList();
        var batched = BatchedModels(study, scope, pendingCalls);
        var pending = CostEstimator.Estimate(pendingCalls, prices, policy, observed, batched.Contains);
        var grid = withGrid ? CostEstimator.Estimate(calls.Grid(store), prices, policy, observed, batched.Contains) : null;
        return new StudyEstimate(pending, grid, charsPerToken);
    }

    /// <summary>The models whose pending calls Generate will send as batch jobs, by the rule it routes by.</summary>
    private static HashSet<string> BatchedModels(LoadedStudy study, PolicyScope scope, IReadOnlyList<PendingCall> pending)
    {
        var cellsPerModel = pending.CountBy(call => call.Model).ToDictionary(StringComparer.Ordinal);
        return study.Config.Design.Models
            .Where(model => BatchRoutes.Decide(model, cellsPerModel.GetValueOrDefault(model.Id), study.Config.Batch, scope.Policy.Batch) == BatchRoute.Batch)
            .Select(model => model.Id)
            .ToHashSet(StringComparer.Ordinal);
    }
}
