using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// Prices pending calls per condition, expected and worst case. Input is priced at the full input rate (a cache hit
/// is a discount the estimate does not count on); output per <see cref="OutputEstimate"/>.
/// </summary>
public static class CostEstimator
{
    public static CostEstimate Estimate(IEnumerable<PendingCall> calls, PriceTable prices, EstimatePolicy policy) =>
        new(calls.GroupBy(call => (call.ConditionId, call.Model))
            .OrderBy(group => group.Key.ConditionId, StringComparer.Ordinal)
            .Select(group => Line(group.Key.ConditionId, group.Key.Model, group.ToList(), prices))
            .ToList(), policy);

    /// <summary>
    /// The most one call can be billed: its prompt and its whole output cap (reasoning included) at list price. This is
    /// what a spend reservation holds against <c>max_usd</c> before the call is sent.
    /// </summary>
    /// <param name="promptTokens">The request's input tokens (e.g. <see cref="TokenEstimator.FromChars"/> of its messages).</param>
    /// <param name="parameters">The lane's parameters as written.</param>
    public static decimal WorstCaseUsd(ModelPrice price, string modelId, int promptTokens, LaneParameters parameters)
    {
        // The answer style changes only the expected length, never the cap.
        var output = OutputEstimate.For(modelId, parameters, AnswerStyle.Direct).WorstCaseTokens;
        return Usd(price, promptTokens, output, worstCase: true);
    }

    private static CostLine Line(string conditionId, string model, IReadOnlyList<PendingCall> calls, PriceTable prices)
    {
        long input = 0, expected = 0, worst = 0;
        foreach (var call in calls)
        {
            var output = OutputEstimate.For(model, call.Parameters, call.Style);
            input += TokenEstimator.FromChars(call.PromptChars);
            expected += output.ExpectedTokens;
            worst += output.WorstCaseTokens;
        }

        if (!prices.TryGet(model, out var price))
        {
            return new CostLine(conditionId, model, calls.Count, input, expected, worst, 0m, 0m, false);
        }

        return new CostLine(conditionId, model, calls.Count, input, expected, worst, Usd(price, input, expected, worstCase: false), Usd(price, input, worst, worstCase: true), true);
    }

    private static decimal Usd(ModelPrice price, long inputTokens, long outputTokens, bool worstCase)
    {
        // The worst case prices input at the higher of the input and cache-write rates: a prompt written to a provider's
        // cache is billed above input. The expected case assumes neither writes nor hits.
        var inputRate = worstCase ? Math.Max(price.InputPerMillion, price.CacheWriteRate) : price.InputPerMillion;
        return ((inputTokens * inputRate) + (outputTokens * price.OutputPerMillion)) / 1_000_000m;
    }
}
