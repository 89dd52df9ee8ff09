using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// The decision before spending: over the cap is an error no flag lifts; a model without a price is an error
/// (an unknown cost cannot be capped); anything that costs money needs confirmation (<c>--yes</c>).
/// </summary>
public static class BudgetGate
{
    public static IReadOnlyList<Diagnostic> Check(CostEstimate estimate, decimal spentSoFar, BudgetConfig budget, bool confirmed)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var model in estimate.Lines.Where(line => !line.PriceKnown).Select(line => line.Model).Distinct())
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.UnknownPrice,
                $"no price known for {model}: add budget.prices.{model}: {{input: <USD per 1M tokens>, output: <USD per 1M tokens>}} to study.yaml",
                budget.Location));
        }

        var projected = spentSoFar + estimate.TotalUsd;
        if (budget.MaxUsd is { } cap && projected > cap)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.OverBudget,
                $"projected spend ${projected:0.0000} (spent ${spentSoFar:0.0000} + estimated ${estimate.TotalUsd:0.0000}) is over budget.max_usd ${cap:0.00##}; shrink the grid or raise max_usd in study.yaml",
                budget.Location));
        }

        if (diagnostics.Count == 0 && estimate.TotalUsd > 0 && !confirmed)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.ConfirmationNeeded,
                $"this run would spend about ${estimate.TotalUsd:0.0000} ({estimate.Lines.Sum(line => line.Calls)} calls): re-run with --yes to confirm",
                budget.Location));
        }

        return diagnostics;
    }
}
