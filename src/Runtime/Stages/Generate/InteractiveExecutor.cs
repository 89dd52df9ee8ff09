using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>
/// The interactive executor: runs pending cells with every model side by side, each at its own <c>max_concurrency</c>, so a slow or throttled
/// model never holds back the others. Stopping (Ctrl-C, or the budget) stops <em>starting</em> cells; the calls already
/// sent finish and are stored, because the provider bills them either way.
/// </summary>
internal sealed class InteractiveExecutor(CellRunner runner) : ICellExecutor
{
    /// <summary>Models without a concurrency limit (mock models) still get a bounded number of workers.</summary>
    private const int UnlimitedModelWorkers = 16;

    public async Task<BudgetExhaustedException?> RunAsync(IReadOnlyList<PlannedCell> cells, SolutionWriter writer, CancellationToken stop)
    {
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(stop);
        BudgetExhaustedException? exhausted = null;

        async Task RunOne(PlannedCell cell, CancellationToken token)
        {
            try
            {
                await writer.AddAsync(await runner.RunAsync(cell.Cell, cell.Condition, cell.Item, token));
            }
            catch (BudgetExhaustedException budget)
            {
                Interlocked.CompareExchange(ref exhausted, budget, null);
                await stopStarting.CancelAsync();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopped before it was sent (queued for a rate limit or for room in the budget): it stays pending.
            }
        }

        async Task RunModel(IReadOnlyList<PlannedCell> modelCells, int workers)
        {
            try
            {
                await Parallel.ForEachAsync(
                    modelCells,
                    new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = stopStarting.Token },
                    async (cell, token) => await RunOne(cell, token));
            }
            catch (OperationCanceledException) when (stopStarting.IsCancellationRequested)
            {
                // Parallel.ForEachAsync waits for the cells it started before it throws: nothing is left running.
            }
        }

        var perModel = cells
            .GroupBy(cell => cell.Condition.Model.Id, StringComparer.Ordinal)
            .Select(group => RunModel([.. group], Workers(group.First().Condition)));
        await Task.WhenAll(perModel);
        return exhausted;
    }

    private static int Workers(Design.Condition condition) => RateLimitOptions.For(condition.Model).MaxConcurrency ?? UnlimitedModelWorkers;
}
