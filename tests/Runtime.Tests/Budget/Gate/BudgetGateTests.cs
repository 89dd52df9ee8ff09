using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Budget.Gate;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Tests.Budget.Gate;

/// <summary>The gate as a table: projection × thresholds × <c>--yes</c> × terminal.</summary>
public sealed class BudgetGateTests
{
    private static readonly SourceLocation At = new("study.yaml", 30, 3);

    [Theory]
    // spent, pending, max_usd, confirm_above_usd, --yes, terminal → verdict
    [InlineData("0", "0.20", "1", null, false, false, GateVerdict.NeedsConfirmation)]
    [InlineData("0", "0.20", "1", null, false, true, GateVerdict.Ask)]
    [InlineData("0", "0.20", "1", null, true, false, GateVerdict.Proceed)]
    [InlineData("0", "0.20", "1", "0.20", false, false, GateVerdict.Proceed)]
    [InlineData("0", "0.20", "1", "0.19", false, false, GateVerdict.NeedsConfirmation)]
    [InlineData("0", "0.20", "1", "0.19", false, true, GateVerdict.Ask)]
    [InlineData("0.50", "0.60", "1", null, true, true, GateVerdict.OverCap)]
    [InlineData("0.50", "0.60", "1", "5", true, false, GateVerdict.OverCap)]
    [InlineData("0.40", "0.60", "1", null, true, false, GateVerdict.Proceed)]
    [InlineData("2", "0", "1", null, false, false, GateVerdict.OverCap)]
    [InlineData("0", "0", "1", null, false, false, GateVerdict.Proceed)]
    [InlineData("0", "500", null, null, true, false, GateVerdict.Proceed)]
    [InlineData("0", "500", null, "1000", false, false, GateVerdict.Proceed)]
    public void Decides_in_the_issues_order(string spent, string pending, string? cap, string? confirmAbove, bool yes, bool terminal, GateVerdict verdict)
    {
        var budget = Budget(cap) with { ConfirmAboveUsd = confirmAbove is null ? null : decimal.Parse(confirmAbove, System.Globalization.CultureInfo.InvariantCulture) };
        var estimate = Estimate(new CostLine("c1", "openai/custom", 10, 1, 1, 1, decimal.Parse(pending, System.Globalization.CultureInfo.InvariantCulture), 9m, true));

        var decision = BudgetGate.Decide(estimate, decimal.Parse(spent, System.Globalization.CultureInfo.InvariantCulture), budget, yes, terminal);

        Assert.Equal(verdict, decision.Verdict);
        var expectedCode = verdict switch
        {
            GateVerdict.OverCap => DiagnosticCodes.OverBudget,
            GateVerdict.NeedsConfirmation => DiagnosticCodes.ConfirmationNeeded,
            _ => null,
        };
        Assert.Equal(expectedCode, decision.Errors.SingleOrDefault()?.Code);
    }

    [Fact]
    public void Over_the_cap_names_the_spend_the_estimate_and_the_study_line()
    {
        var decision = BudgetGate.Decide(Estimate(new CostLine("c1", "openai/custom", 10, 1, 1, 1, 0.60m, 0.60m, true)), 0.50m, Budget("1"), confirmed: true, terminal: false);

        var diagnostic = Assert.Single(decision.Errors);
        Assert.Contains("spent $0.5000 + estimated $0.6000", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(30, diagnostic.Location!.Line);
    }

    [Fact]
    public void An_unpriced_model_stops_a_capped_study_and_runs_an_uncapped_one_with_a_warning_and_a_question()
    {
        var estimate = Estimate(new CostLine("c1", "together/mystery", 10, 1, 1, 1, 0m, 0m, false));

        var capped = BudgetGate.Decide(estimate, 0, Budget("1"), confirmed: true, terminal: true);
        var uncapped = BudgetGate.Decide(estimate, 0, Budget(null) with { ConfirmAboveUsd = 100m }, confirmed: false, terminal: false);

        Assert.Equal(GateVerdict.Unpriced, capped.Verdict);
        Assert.Equal(DiagnosticCodes.UnknownPrice, Assert.Single(capped.Errors).Code);
        Assert.Contains("budget.prices.together/mystery", capped.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.NeedsConfirmation, uncapped.Verdict);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(uncapped.Warnings).Severity);
        Assert.Contains("unknown price", uncapped.Errors[0].Message, StringComparison.Ordinal);
    }

    private static BudgetConfig Budget(string? cap) =>
        new(cap is null ? null : decimal.Parse(cap, System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, ModelPrice>(), At);

    private static CostEstimate Estimate(CostLine line) => new([line], EstimatePolicy.Expected);
}
