using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// Prices pending calls per condition, expected and worst case. Input is priced at the full input rate (a cache hit
/// is a discount the estimate does not count on); output per <see cref="OutputEstimate"/>, or the condition's observed
/// mean once it has stored calls (<see cref="ObservedOutput"/>).
/// </summary>
public static class CostEstimator
{
    /// <param name="observed">Stored output per condition id; empty before any call was made.</param>
    /// <param name="batched">Which models' calls go as batch jobs (billed at the provider's batch discount); none when null.</param>
    public static CostEstimate Estimate(
        IEnumerable<PendingCall> calls,
        PriceTable prices,
        EstimatePolicy policy,
        IReadOnlyDictionary<string, ObservedOutput>? observed = null,
        Func<string, bool>? batched = null) =>
        new(calls.GroupBy(call => (call.ConditionId, call.Model))
            .OrderBy(group => group.Key.ConditionId, StringComparer.Ordinal)
            .Select(group => Line(group.Key.ConditionId, group.Key.Model, group.ToList(), prices, observed?.GetValueOrDefault(group.Key.ConditionId), batched?.Invoke(group.Key.Model) == true))
            .ToList(), policy);

    /// <summary>
    /// Prices judge calls per grader and judged condition, by the same rules as generation: the judge lane's output
    /// estimate, or the grader's observed mean once it has stored gradings; judge models Grade batches at the batch rate.
    /// </summary>
    /// <param name="observed">Stored judge output per grader name.</param>
    /// <param name="batched">Whether a judge model's calls go to its provider's batch API (null: none do).</param>
    public static CostEstimate EstimateJudges(
        IEnumerable<PendingCall> calls, PriceTable prices, EstimatePolicy policy, IReadOnlyDictionary<string, ObservedOutput> observed, Func<string, bool>? batched = null) =>
        new(calls.GroupBy(call => (Grader: call.Grader ?? "", call.ConditionId, call.Model))
            .OrderBy(group => group.Key.Grader, StringComparer.Ordinal).ThenBy(group => group.Key.ConditionId, StringComparer.Ordinal)
            .Select(group => Line(group.Key.ConditionId, group.Key.Model, group.ToList(), prices, observed.GetValueOrDefault(group.Key.Grader), batched?.Invoke(group.Key.Model) == true)
                with { Stage = CostLine.JudgeStage, Grader = group.Key.Grader })
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

    private static CostLine Line(string conditionId, string model, IReadOnlyList<PendingCall> calls, PriceTable prices, ObservedOutput? observed, bool batched)
    {
        long input = 0, worst = 0;
        var count = 0;
        double expectedTokens = 0;
        var outputs = new Dictionary<(LaneParameters Parameters, AnswerStyle Style), OutputEstimate>();
        foreach (var call in calls)
        {
            // A condition's calls share a lane and mostly a style: its output estimate is worked out once, not per cell.
            if (!outputs.TryGetValue((call.Parameters, call.Style), out var output))
            {
                output = OutputEstimate.For(model, call.Parameters, call.Style);
                outputs[(call.Parameters, call.Style)] = output;
            }

            count += call.Times;
            input += (call.PromptTokens ?? TokenEstimator.FromChars(call.PromptChars)) * (long)call.Times;
            expectedTokens += (observed is null ? output.ExpectedTokens : Math.Min(observed.MeanTokens, output.WorstCaseTokens)) * call.Times;
            worst += (long)output.WorstCaseTokens * call.Times;
        }

        var expected = (long)Math.Round(expectedTokens);

        if (!prices.TryGet(model, out var price))
        {
            return new CostLine(conditionId, model, count, input, expected, worst, 0m, 0m, false, Observed: observed);
        }

        var expectedUsd = Usd(price, input, expected, worstCase: false);
        var discounted = batched ? expectedUsd * (1m - prices.BatchDiscount(model)) : expectedUsd;
        return new CostLine(conditionId, model, count, input, expected, worst, expectedUsd, Usd(price, input, worst, worstCase: true), true, discounted, observed);
    }

    private static decimal Usd(ModelPrice price, long inputTokens, long outputTokens, bool worstCase)
    {
        // The worst case prices input at the higher of the input and cache-write rates: a prompt written to a provider's
        // cache is billed above input. The expected case assumes neither writes nor hits.
        var inputRate = worstCase ? Math.Max(price.InputPerMillion, price.CacheWriteRate) : price.InputPerMillion;
        return ((inputTokens * inputRate) + (outputTokens * price.OutputPerMillion)) / 1_000_000m;
    }
}
