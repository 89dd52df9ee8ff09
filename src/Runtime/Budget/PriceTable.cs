using ItemEval.Runtime.Budget.Pricing;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// USD per million tokens by model id, from layers searched in order (docs/budget.md): study.yaml <c>budget.prices</c>,
/// the table at <c>budget.pricing_path</c>, a fetched OpenRouter catalog, then the packaged table
/// (<see cref="PackagedPrices"/>); <c>mock/*</c> is free. Reasoning and thinking tokens are billed as output; cache
/// reads and writes at their own rates, read the way the model's provider counts them (<see cref="CacheCounting"/>).
/// </summary>
public sealed class PriceTable
{
    private PriceTable(IReadOnlyList<PriceCatalog> layers) => Sources = layers;

    /// <summary>The layers, first match wins; the packaged table is always last.</summary>
    public IReadOnlyList<PriceCatalog> Sources { get; }

    /// <summary>The study's overrides over the packaged table: no file or network read.</summary>
    public static PriceTable For(BudgetConfig budget) => Of(budget, []);

    /// <param name="between">Catalogs between the study's overrides and the packaged table, highest first.</param>
    public static PriceTable Of(BudgetConfig budget, IReadOnlyList<PriceCatalog> between) =>
        new([new PriceCatalog("study.yaml budget.prices", null, budget.Prices, PriceCatalog.NoDiscounts), .. between, PackagedPrices.Catalog]);

    /// <summary>Mock models answer offline and cost nothing.</summary>
    public static bool IsFree(string modelId) => modelId.StartsWith("mock/", StringComparison.Ordinal);

    public bool TryGet(string modelId, out ModelPrice price)
    {
        if (IsFree(modelId))
        {
            price = new ModelPrice(0, 0);
            return true;
        }

        foreach (var layer in Sources)
        {
            if (layer.Models.TryGetValue(modelId, out var found))
            {
                price = found with { CacheCounting = ModelFamily.CacheCountingOf(modelId) };
                return true;
            }
        }

        price = null!;
        return false;
    }

    /// <summary>The share of list price the model's provider takes off a batch job (0 when none is known).</summary>
    public decimal BatchDiscount(string modelId)
    {
        var provider = modelId.Split('/', 2)[0];
        return Sources.Select(layer => layer.BatchDiscounts.TryGetValue(provider, out var discount) ? (decimal?)discount : null).FirstOrDefault(discount => discount is not null) ?? 0m;
    }

    /// <summary>The share of list price a batch job of the model is billed: 1 less its provider's batch discount.</summary>
    public decimal BatchShare(string modelId) => 1m - BatchDiscount(modelId);

    /// <summary>Which tables price this study and how old they are, for the output of every cost-bearing target.</summary>
    public string Describe(DateTimeOffset now) =>
        "prices: " + string.Join("; then ", Sources.Where(layer => layer.Models.Count > 0).Select(layer => layer.Describe(now)));

    /// <summary>
    /// What one call's usage costs with this table, or null when the model has no price: its cost is unknown, not $0
    /// (an unpriced model may run only without <c>max_usd</c>; see docs/budget.md).
    /// </summary>
    public decimal? CostOf(string modelId, TokenUsage usage) => TryGet(modelId, out var price) ? Cost(price, usage) : null;

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
