using System.Globalization;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Reporting;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Prices the cells still to run, per condition, expected and worst case (docs/budget.md), without calling a model or
/// asking for confirmation.
/// </summary>
public static class EstimateStage
{
    public static CostEstimate Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "Estimate");
        var scope = PolicyScope.For(context, study, run.Store);
        context.Reporter.Info(scope.Describe());
        var estimate = CostEstimator.Estimate(PendingCalls.From(study, run.Store, scope), StagePrices.Load(context, study, mayRefresh: true), EstimatePolicy.Parse(context.Options.Estimate));
        var rows = estimate.Lines.Select(line => (IReadOnlyList<string>)
        [
            line.ConditionId, line.Model, Count(line.Calls), Count(line.InputTokens), Count(line.ExpectedOutputTokens),
            line.PriceKnown ? Usd(line.ExpectedUsd) : "unknown price",
            Count(line.WorstCaseOutputTokens), line.PriceKnown ? Usd(line.WorstCaseUsd) : "unknown price",
        ]).ToList();
        foreach (var line in TextTable.Render(["condition", "model", "calls", "input tok", "output tok", "expected", "cap tok", "worst case"], rows))
        {
            context.Reporter.Info(line);
        }

        var cap = study.Config.Budget.MaxUsd is { } max ? $"${max:0.00##}" : "none";
        context.Reporter.Info($"expected {Usd(estimate.ExpectedUsd)}, worst case {Usd(estimate.WorstCaseUsd)} (the {estimate.Policy.Name} figure is checked against the cap); spent so far ${run.Store.Ledger.TotalUsd():0.0000}; cap {cap}");
        run.Succeeded();
        return estimate;
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Usd(decimal value) => "$" + value.ToString("0.0000", CultureInfo.InvariantCulture);
}
