using System.Globalization;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Reporting;
using ItemEval.Runtime.Stages.Estimating;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// Prices the study per stage (generate, and each LLM judge) and condition — the whole grid and what the run policy
/// still has to run, at list price and with the batch discount — without calling a model or asking for confirmation (docs/budget.md).
/// </summary>
public static class EstimateStage
{
    public static CostEstimate Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "Estimate");
        var scope = PolicyScope.For(context, study, run.Store);
        context.Reporter.Info(scope.Describe());
        var prices = StagePrices.Load(context, study, mayRefresh: true);
        var estimate = StudyEstimate.For(context, study, run.Store, scope, prices, withGrid: true);
        foreach (var warning in EstimateWarnings.For(study))
        {
            context.Reporter.Report(warning);
        }

        var pending = estimate.Pending.Lines.Concat(estimate.Judge.Lines).ToDictionary(line => (line.Grader, line.ConditionId));
        var rows = estimate.Grid!.Lines.Concat(estimate.JudgeGrid!.Lines).Select(grid => Row(grid, pending.GetValueOrDefault((grid.Grader, grid.ConditionId)))).ToList();
        foreach (var line in TextTable.Render(["stage", "condition", "model", "grid calls", "grid expected", "pending", "input tok", "out tok/call", "expected", "discounted", "worst case"], rows))
        {
            context.Reporter.Info(line);
        }

        foreach (var model in study.Config.Design.Models.Where(model => !PriceTable.IsFree(model.Id)))
        {
            var calibrated = study.Conditions.Where(condition => condition.Model.Id == model.Id && estimate.CharsPerToken.ContainsKey(condition.Id)).Select(condition => estimate.CharsPerToken[condition.Id]).ToList();
            context.Reporter.Info($"prompt tokens of {model.Id}: {TokenEstimator.MethodFor(model.Id, calibrated.Count > 0 ? calibrated.Average() : TokenEstimator.DefaultCharsPerToken, calibrated.Count > 0)}");
        }

        var total = estimate.Total;
        var cap = study.Config.Budget.MaxUsd is { } max ? $"${max:0.00##}" : "none";
        context.Reporter.Info($"grid {Usd(estimate.Grid.ExpectedUsd + estimate.JudgeGrid.ExpectedUsd)} expected; pending {Usd(total.ExpectedUsd)} expected ({Usd(total.Lines.Sum(line => line.DiscountedUsd))} discounted), worst case {Usd(total.WorstCaseUsd)} (the {total.Policy.Name} figure is checked against the cap); spent so far ${run.Store.Ledger.TotalUsd():0.0000}; cap {cap}");
        context.Reporter.Info(StageTotals.Describe(estimate));
        run.Succeeded();
        return estimate.Total;
    }

    private static IReadOnlyList<string> Row(CostLine grid, CostLine? pending)
    {
        var perCall = pending is { Calls: > 0 } ? pending.ExpectedOutputTokens / pending.Calls : grid.Calls > 0 ? grid.ExpectedOutputTokens / grid.Calls : 0;
        var outputSource = (pending ?? grid).Observed is { } observed
            ? $"{perCall} (observed on {Count(observed.Calls)}{Margin(observed)}, p95 {Math.Round(observed.P95Tokens).ToString(CultureInfo.InvariantCulture)})"
            : $"{perCall} (typical)";
        return
        [
            grid.Grader is { } grader ? $"{grid.Stage} {grader}" : grid.Stage, grid.ConditionId, grid.Model, Count(grid.Calls), Price(grid, grid.ExpectedUsd),
            Count(pending?.Calls ?? 0), Count(pending?.InputTokens ?? 0), outputSource,
            pending is null ? Usd(0) : Price(pending, pending.ExpectedUsd),
            pending is null ? Usd(0) : Price(pending, pending.DiscountedUsd),
            pending is null ? Usd(0) : Price(pending, pending.WorstCaseUsd),
        ];
    }

    /// <summary>How far the observed mean may be from the rest's by chance alone: ± at 95%, as a percentage.</summary>
    private static string Margin(ObservedOutput observed) =>
        observed.RelativeMargin is { } margin ? $" ±{(margin * 100).ToString("0", CultureInfo.InvariantCulture)}%" : "";

    private static string Price(CostLine line, decimal usd) => line.PriceKnown ? Usd(usd) : "unknown price";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Usd(decimal value) => "$" + value.ToString("0.0000", CultureInfo.InvariantCulture);
}
