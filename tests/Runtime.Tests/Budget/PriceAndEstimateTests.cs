using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Tests.Budget;

public sealed class PriceAndEstimateTests
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
    public void The_policy_picks_which_total_the_gate_checks_and_both_are_computed()
    {
        var calls = Enumerable.Repeat(new PendingCall("c1", "openai/custom", PromptChars: 400, new LaneParameters(MaxTokens: 1000)), 10).ToList();

        var expected = CostEstimator.Estimate(calls, PriceTable.For(Capped), EstimatePolicy.Expected);
        var worst = CostEstimator.Estimate(calls, PriceTable.For(Capped), EstimatePolicy.Parse("worst-case"));

        var line = Assert.Single(expected.Lines);
        Assert.Equal(1000, line.InputTokens);
        Assert.Equal(10 * TypicalAnswer.DirectTokens, line.ExpectedOutputTokens);
        Assert.Equal(10_000, line.WorstCaseOutputTokens);
        Assert.Equal(0.01m + (0.00003m * 10 * TypicalAnswer.DirectTokens), expected.TotalUsd);
        Assert.Equal(0.01m + 0.30m, worst.TotalUsd);
        Assert.Equal(expected.WorstCaseUsd, worst.TotalUsd);
        Assert.Throws<StudyException>(() => EstimatePolicy.Parse("optimistic"));
    }
}
