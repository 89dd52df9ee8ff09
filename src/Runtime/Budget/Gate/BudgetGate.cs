using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget.Gate;

/// <summary>
/// The decision before spending, in this order: a model without a price while <c>max_usd</c> is set stops (an unknown
/// cost cannot be capped); spent so far plus the pending estimate over <c>max_usd</c> stops, and no flag lifts it;
/// a run whose estimate is at or under <c>confirm_above_usd</c> (default 0: anything that costs money asks) proceeds;
/// otherwise <c>--yes</c> proceeds, a terminal asks, and without one the build stops for confirmation (exit 3).
/// </summary>
public static class BudgetGate
{
    /// <param name="confirmed"><c>--yes</c> (or a dry run, which sends nothing).</param>
    /// <param name="terminal">A person can answer <c>Proceed? [y/N]</c>.</param>
    public static GateDecision Decide(CostEstimate estimate, decimal spentSoFar, BudgetConfig budget, bool confirmed, bool terminal)
    {
        var unpriced = estimate.Lines.Where(line => !line.PriceKnown).Select(line => line.Model).Distinct(StringComparer.Ordinal).ToList();
        var warnings = new List<Diagnostic>();
        if (unpriced.Count > 0)
        {
            var diagnostics = unpriced.Select(model => UnknownPrice(model, budget)).ToList();
            if (budget.MaxUsd is not null)
            {
                return Stop(GateVerdict.Unpriced, diagnostics);
            }

            warnings.AddRange(diagnostics.Select(diagnostic => diagnostic with { Severity = DiagnosticSeverity.Warning }));
        }

        var pending = estimate.TotalUsd;
        var projected = spentSoFar + pending;
        if (budget.MaxUsd is { } cap && projected > cap)
        {
            return Stop(GateVerdict.OverCap, [Diagnostic.Error(
                DiagnosticCodes.OverBudget,
                $"projected spend ${projected:0.0000} (spent ${spentSoFar:0.0000} + estimated ${pending:0.0000}) is over budget.max_usd ${cap:0.00##}; shrink the grid, run a smaller policy (--policy dev) or raise max_usd in study.yaml",
                budget.Location)]);
        }

        var calls = estimate.Lines.Sum(line => line.Calls);
        var unknown = unpriced.Count > 0 ? $" plus calls to {string.Join(", ", unpriced)} at an unknown price" : "";
        var question = $"this run would spend about ${pending:0.0000} ({calls} calls{unknown}); spent so far ${spentSoFar:0.0000}";

        // An unpriced model's cost is unknown, so it is never "under" the threshold.
        var underThreshold = unpriced.Count == 0 && pending <= (budget.ConfirmAboveUsd ?? 0m);
        if (underThreshold || confirmed)
        {
            return new GateDecision(GateVerdict.Proceed, [], warnings, question);
        }

        if (terminal)
        {
            return new GateDecision(GateVerdict.Ask, [], warnings, question);
        }

        var threshold = budget.ConfirmAboveUsd is { } above ? $" (above budget.confirm_above_usd ${above:0.00##})" : "";
        return new GateDecision(GateVerdict.NeedsConfirmation, [Diagnostic.Error(
            DiagnosticCodes.ConfirmationNeeded,
            $"{question}{threshold} and there is no terminal to ask: re-run with --yes to confirm",
            budget.Location)], warnings, question);

        GateDecision Stop(GateVerdict verdict, IReadOnlyList<Diagnostic> errors) => new(verdict, errors, warnings, "");
    }

    private static Diagnostic UnknownPrice(string model, BudgetConfig budget) => Diagnostic.Error(
        DiagnosticCodes.UnknownPrice,
        $"no price known for {model}: add budget.prices.{model}: {{input: <USD per 1M tokens>, output: <USD per 1M tokens>}} to study.yaml"
            + (budget.MaxUsd is null ? " (without max_usd it runs, and its cost is recorded as unknown)" : " (max_usd is set, and an unknown cost cannot be capped)"),
        budget.Location);
}
