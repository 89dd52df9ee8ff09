using ItemEval.Runtime.Budget.Policies;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages;

namespace ItemEval.Runtime.Batches;

/// <summary>A stage's pending requests (cells, judge calls) split between the interactive and the batch executor.</summary>
internal sealed record BatchRoutes<TRequest>(IReadOnlyList<TRequest> Interactive, IReadOnlyList<TRequest> Batched);

/// <summary>The one rule for what goes to a provider's batch API, for generation and judge calls alike.</summary>
internal static class BatchRoutes
{
    /// <summary>
    /// A model's requests go to its provider's batch API when its <c>batch</c> is true, or auto with at least
    /// <c>batch_min_cells</c> pending, and the provider has one. Requests already held by a batch in flight always go to
    /// the batch executor (to be collected, never sent again), whatever the setting is now. The run policy has the last
    /// word on the mode (<see cref="PolicyBatchExtensions.Apply"/>): a dev run never batches.
    /// </summary>
    /// <param name="what">What a request is, for the run's output: "cells", "judge calls".</param>
    public static BatchRoutes<TRequest> Split<TRequest>(
        IReadOnlyList<TRequest> planned, BatchConfig batch, PolicyBatch policy, IReadOnlySet<string> inFlight, IStageReporter reporter, string what = "cells")
        where TRequest : IBatchRequest
    {
        var batched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in planned.GroupBy(request => request.Model.Id, StringComparer.Ordinal))
        {
            var model = group.First().Model;
            switch (Decide(model, group.Count(), batch, policy))
            {
                case BatchRoute.Batch:
                    batched.Add(model.Id);
                    break;
                case BatchRoute.NoBatchApi:
                    reporter.Info($"{model.Id}: provider '{model.Provider}' has no batch API ItemEval can use; its {what} run interactively");
                    break;
                case BatchRoute.TooFewCells:
                    reporter.Info($"{model.Id}: {group.Count()} pending {what}, fewer than batch_min_cells ({batch.MinCells}); they run interactively");
                    break;
            }
        }

        bool Batched(TRequest request) => batched.Contains(request.Model.Id) || inFlight.Contains(request.Key);
        return new BatchRoutes<TRequest>([.. planned.Where(request => !Batched(request))], [.. planned.Where(Batched)]);
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
