using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>Prices pending calls per condition under an estimate policy.</summary>
public static class CostEstimator
{
    public static CostEstimate Estimate(IEnumerable<PendingCall> calls, PriceTable prices, EstimatePolicy policy) =>
        new(calls.GroupBy(call => (call.ConditionId, call.Model))
            .OrderBy(group => group.Key.ConditionId, StringComparer.Ordinal)
            .Select(group =>
            {
                var input = group.Sum(call => (long)TokenEstimator.FromChars(call.PromptChars));
                var output = group.Sum(call => (long)policy.OutputTokens(call.MaxTokens));
                var known = prices.TryGet(group.Key.Model, out var price);
                var usd = known ? PriceTable.Cost(price, new TokenUsage((int)Math.Min(input, int.MaxValue), (int)Math.Min(output, int.MaxValue))) : 0m;
                return new CostLine(group.Key.ConditionId, group.Key.Model, group.Count(), input, output, usd, known);
            })
            .ToList());
}
