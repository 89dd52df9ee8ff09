using ItemEval.Runtime.Budget;

namespace ItemEval.Runtime.Stages.Generate;

/// <summary>
/// Turns planned cells into stored results. Generate plans and hands its pending cells to one executor; the
/// interactive one calls models one request at a time, a batch one (provider batch APIs) submits and collects jobs.
/// Every result goes to the <see cref="SolutionWriter"/>; the stop token stops starting work, never what was sent.
/// </summary>
internal interface ICellExecutor
{
    /// <returns>Null when every cell ran or the caller stopped; the budget stop when the cap ended the run.</returns>
    Task<BudgetExhaustedException?> RunAsync(IReadOnlyList<PlannedCell> cells, SolutionWriter writer, CancellationToken stop);
}
