using System.Globalization;
using ItemEval.Runtime.Budget;

namespace ItemEval.Runtime.Stages.Estimating;

/// <summary>The pending estimate per stage and in total, in one line: what BudgetCheck and Estimate say before the gate.</summary>
internal static class StageTotals
{
    public static string Describe(StudyEstimate estimate)
    {
        var total = estimate.Total;
        return $"per stage: generate {Stage(estimate.Pending)}; judge {Stage(estimate.Judge)}; total {Usd(total.ExpectedUsd)} expected, {Usd(total.WorstCaseUsd)} worst case";
    }

    private static string Stage(CostEstimate stage) =>
        $"{Usd(stage.ExpectedUsd)} expected, {Usd(stage.WorstCaseUsd)} worst case ({stage.Lines.Sum(line => line.Calls).ToString(CultureInfo.InvariantCulture)} calls)";

    private static string Usd(decimal value) => "$" + value.ToString("0.0000", CultureInfo.InvariantCulture);
}
