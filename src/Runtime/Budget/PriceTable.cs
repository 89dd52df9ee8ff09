using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// USD per million tokens by model id: built-in list prices (<see cref="ListPrices"/>), overridden by study.yaml
/// <c>budget.prices</c>; <c>mock/*</c> is free. Reasoning and thinking tokens are billed as output; cache reads and
/// writes at their own rates, read the way the model's provider counts them (<see cref="CacheCounting"/>).
/// </summary>
public sealed class PriceTable
{
    private readonly IReadOnlyDictionary<string, ModelPrice> _overrides;

    private PriceTable(IReadOnlyDictionary<string, ModelPrice> overrides) => _overrides = overrides;

    public static PriceTable For(BudgetConfig budget) => new(budget.Prices);

    public bool TryGet(string modelId, out ModelPrice price)
    {
        if (IsFree(modelId))
        {
            price = new ModelPrice(0, 0);
            return true;
        }

        if (!_overrides.TryGetValue(modelId, out var found) && !ListPrices.ByModel.TryGetValue(modelId, out found))
        {
            price = null!;
            return false;
        }

        price = found with { CacheCounting = ModelFamily.CacheCountingOf(modelId) };
        return true;
    }

    /// <summary>Mock models answer offline and cost nothing.</summary>
    public static bool IsFree(string modelId) => modelId.StartsWith("mock/", StringComparison.Ordinal);

    /// <summary>What the provider bills for one call's usage, as reported by the client for that provider.</summary>
    public static decimal Cost(ModelPrice price, TokenUsage usage)
    {
        var uncachedInput = price.CacheCounting == CacheCounting.InsideInput
            ? Math.Max(0L, (long)usage.InputTokens - usage.CacheReadTokens - usage.CacheWriteTokens)
            : usage.InputTokens;
        var micro = (uncachedInput * price.InputPerMillion)
            + (usage.CacheReadTokens * price.CacheReadRate)
            + (usage.CacheWriteTokens * price.CacheWriteRate)
            + (((long)usage.OutputTokens + usage.ReasoningTokens) * price.OutputPerMillion);
        return micro / 1_000_000m;
    }
}
