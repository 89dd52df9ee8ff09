using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Tests.Budget;

public sealed class BudgetGateTests
{
    private static readonly BudgetConfig Capped = new(1.00m, new Dictionary<string, ModelPrice> { ["openai/custom"] = new(10m, 30m) }, new SourceLocation("study.yaml", 30, 3));

    [Fact]
    public void Prices_come_from_overrides_then_list_prices_and_mock_is_free()
    {
        var prices = PriceTable.For(Capped);

        Assert.True(prices.TryGet("openai/custom", out var custom));
        Assert.Equal(10m, custom.InputPerMillion);
        Assert.True(prices.TryGet("openai/gpt-4o-mini", out _));
        Assert.True(prices.TryGet("mock/anything", out var mock));
        Assert.Equal(0m, mock.OutputPerMillion);
        Assert.False(prices.TryGet("together/unknown-model", out _));
        Assert.Equal(0.00004m, PriceTable.Cost(custom, new TokenUsage(1, 0, ReasoningTokens: 1)));
    }

    [Fact]
    public void The_estimate_follows_the_policy()
    {
        var calls = Enumerable.Repeat(new PendingCall("c1", "openai/custom", PromptChars: 400, MaxTokens: 1000), 10).ToList();

        var expected = CostEstimator.Estimate(calls, PriceTable.For(Capped), EstimatePolicy.Expected);
        var worst = CostEstimator.Estimate(calls, PriceTable.For(Capped), EstimatePolicy.Parse("worst-case"));

        Assert.Equal(1000, expected.Lines[0].InputTokens);
        Assert.Equal(4000, expected.Lines[0].OutputTokens);
        Assert.Equal(10_000, worst.Lines[0].OutputTokens);
        Assert.Equal(0.01m + 0.12m, expected.TotalUsd);
        Assert.Throws<StudyException>(() => EstimatePolicy.Parse("optimistic"));
    }

    [Fact]
    public void Over_the_cap_is_an_error_that_confirmation_does_not_lift()
    {
        var estimate = new CostEstimate([new CostLine("c1", "openai/custom", 10, 1, 1, 0.60m, true)]);

        var diagnostic = Assert.Single(BudgetGate.Check(estimate, spentSoFar: 0.50m, Capped, confirmed: true));

        Assert.Equal(DiagnosticCodes.OverBudget, diagnostic.Code);
        Assert.Contains("spent $0.5000 + estimated $0.6000", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(30, diagnostic.Location!.Line);
    }

    [Fact]
    public void Spending_needs_confirmation_and_nothing_costs_nothing()
    {
        var paid = new CostEstimate([new CostLine("c1", "openai/custom", 10, 1, 1, 0.20m, true)]);
        var free = new CostEstimate([new CostLine("c1", "mock/a", 10, 1, 1, 0m, true)]);

        Assert.Equal(DiagnosticCodes.ConfirmationNeeded, Assert.Single(BudgetGate.Check(paid, 0, Capped, confirmed: false)).Code);
        Assert.Empty(BudgetGate.Check(paid, 0, Capped, confirmed: true));
        Assert.Empty(BudgetGate.Check(free, 0, Capped, confirmed: false));
    }

    [Fact]
    public void An_unknown_price_cannot_be_capped()
    {
        var estimate = new CostEstimate([new CostLine("c1", "together/mystery", 10, 1, 1, 0m, false)]);

        var diagnostic = Assert.Single(BudgetGate.Check(estimate, 0, Capped, confirmed: true));

        Assert.Equal(DiagnosticCodes.UnknownPrice, diagnostic.Code);
        Assert.Contains("budget.prices.together/mystery", diagnostic.Message, StringComparison.Ordinal);
    }
}
