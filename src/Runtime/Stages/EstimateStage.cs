using System.Globalization;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Reporting;

namespace ItemEval.Runtime.Stages;

/// <summary>Prices the cells still to run, per condition, without calling a model or asking for confirmation.</summary>
public static class EstimateStage
{
    public static CostEstimate Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "Estimate");
        var estimate = CostEstimator.Estimate(PendingCalls.From(study, run.Store), PriceTable.For(study.Config.Budget), EstimatePolicy.Parse(context.Options.Policy));
        var rows = estimate.Lines.Select(line => (IReadOnlyList<string>)
        [
            line.ConditionId, line.Model, line.Calls.ToString(CultureInfo.InvariantCulture),
            line.InputTokens.ToString(CultureInfo.InvariantCulture), line.OutputTokens.ToString(CultureInfo.InvariantCulture),
            line.PriceKnown ? "$" + line.Usd.ToString("0.0000", CultureInfo.InvariantCulture) : "unknown price",
        ]).ToList();
        foreach (var line in TextTable.Render(["condition", "model", "calls", "input tok", "output tok", "cost"], rows))
        {
            context.Reporter.Info(line);
        }

        var cap = study.Config.Budget.MaxUsd is { } max ? $"${max:0.00##}" : "none";
        context.Reporter.Info($"total ${estimate.TotalUsd:0.0000} ({context.Options.Policy} policy); spent so far ${run.Store.Ledger.TotalUsd():0.0000}; cap {cap}");
        run.Succeeded();
        return estimate;
    }
}
