using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Providers.Resilience;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Runs pending cells with every model side by side, each at its own <c>max_concurrency</c>, so a slow or throttled
/// model never holds back the others. Stopping (Ctrl-C, or the budget) stops <em>starting</em> cells; the calls already
/// sent finish and are stored, because the provider bills them either way.
/// </summary>
internal static class ModelDispatch
{
    /// <summary>Models without a concurrency limit (mock models) still get a bounded number of workers.</summary>
    private const int UnlimitedModelWorkers = 16;

    /// <returns>Null when every cell ran or the caller stopped; the budget stop when the cap ended the run.</returns>
    public static async Task<BudgetExhaustedException?> RunAsync(
        IReadOnlyList<Cell> cells,
        IReadOnlyDictionary<string, Condition> conditions,
        Func<Cell, CancellationToken, Task> runCell,
        CancellationToken stop)
    {
        using var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(stop);
        BudgetExhaustedException? exhausted = null;

        async Task RunOne(Cell cell, CancellationToken token)
        {
            try
            {
                await runCell(cell, token);
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

        async Task RunModel(IReadOnlyList<Cell> modelCells, int workers)
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
            .GroupBy(cell => conditions[cell.ConditionId].Model.Id, StringComparer.Ordinal)
            .Select(group => RunModel([.. group], Workers(conditions[group.First().ConditionId])));
        await Task.WhenAll(perModel);
        return exhausted;
    }

    private static int Workers(Condition condition) => RateLimitOptions.For(condition.Model).MaxConcurrency ?? UnlimitedModelWorkers;
}
