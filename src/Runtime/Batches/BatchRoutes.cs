using ItemEval.Runtime.Budget.Policies;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;
using ItemEval.Runtime.Stages.Generate;

namespace ItemEval.Runtime.Batches;

/// <summary>The pending cells split between the interactive and the batch executor.</summary>
internal sealed record BatchRoutes(IReadOnlyList<PlannedCell> Interactive, IReadOnlyList<PlannedCell> Batched)
{
    /// <summary>
    /// A model's cells go to its provider's batch API when its <c>batch</c> is true, or auto with at least
    /// <c>batch_min_cells</c> pending, and the provider has one. Cells already held by a batch in flight always go to the
    /// batch executor (to be collected, never sent again), whatever the setting is now. The run policy has the last word
    /// on the mode (<see cref="PolicyBatchExtensions.Apply"/>): a dev run never batches.
    /// </summary>
    public static BatchRoutes Split(IReadOnlyList<PlannedCell> planned, BatchConfig batch, PolicyBatch policy, IReadOnlySet<string> inFlight, IStageReporter reporter)
    {
        var batched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in planned.GroupBy(cell => cell.Condition.Model.Id, StringComparer.Ordinal))
        {
            var model = group.First().Condition.Model;
            switch (Decide(model, group.Count(), batch, policy))
            {
                case BatchRoute.Batch:
                    batched.Add(model.Id);
                    break;
                case BatchRoute.NoBatchApi:
                    reporter.Info($"{model.Id}: provider '{model.Provider}' has no batch API ItemEval can use; its cells run interactively");
                    break;
                case BatchRoute.TooFewCells:
                    reporter.Info($"{model.Id}: {group.Count()} pending cells, fewer than batch_min_cells ({batch.MinCells}); they run interactively");
                    break;
            }
        }

        bool Batched(PlannedCell cell) => batched.Contains(cell.Condition.Model.Id) || inFlight.Contains(cell.Cell.Key);
        return new BatchRoutes([.. planned.Where(cell => !Batched(cell))], [.. planned.Where(Batched)]);
    }

    /// <summary>
    /// Whether <paramref name="pendingCells"/> cells of <paramref name="model"/> go to its provider's batch API: the one
    /// rule, which Generate routes by and the estimate prices by.
    /// </summary>
    public static BatchRoute Decide(ModelConfig model, int pendingCells, BatchConfig batch, PolicyBatch policy)
    {
        var mode = policy.Apply(batch.For(model));
        if (mode == BatchMode.False)
        {
            return BatchRoute.Interactive;
        }

        if (!BatchSupport.Has(model.Provider))
        {
            return BatchRoute.NoBatchApi;
        }

        return mode == BatchMode.True || pendingCells >= batch.MinCells ? BatchRoute.Batch : BatchRoute.TooFewCells;
    }
}
