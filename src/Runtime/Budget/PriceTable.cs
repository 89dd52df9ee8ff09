using ItemEval.Runtime.Config;
using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// USD per million tokens by model id: built-in list prices, overridden by study.yaml <c>budget.prices</c>;
/// <c>mock/*</c> is free. Reasoning tokens are billed as output.
/// </summary>
public sealed class PriceTable
{
    /// <summary>Public list prices (standard tier, USD per 1M tokens) as of 2026-11; study.yaml overrides them.</summary>
    private static readonly Dictionary<string, ModelPrice> ListPrices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai/gpt-4o"] = new(2.50m, 10.00m),
        ["openai/gpt-4o-mini"] = new(0.15m, 0.60m),
        ["openai/gpt-4.1"] = new(2.00m, 8.00m),
        ["openai/gpt-4.1-mini"] = new(0.40m, 1.60m),
        ["openai/o3-mini"] = new(1.10m, 4.40m),
        ["openai/o4-mini"] = new(1.10m, 4.40m),
        ["openai/gpt-5"] = new(1.25m, 10.00m),
        ["openai/gpt-5-mini"] = new(0.25m, 2.00m),
        ["anthropic/claude-sonnet-4-5"] = new(3.00m, 15.00m),
        ["anthropic/claude-haiku-4-5"] = new(1.00m, 5.00m),
        ["anthropic/claude-opus-4-1"] = new(15.00m, 75.00m),
        ["google/gemini-2.5-flash"] = new(0.30m, 2.50m),
        ["google/gemini-2.5-pro"] = new(1.25m, 10.00m),
    };

    private readonly IReadOnlyDictionary<string, ModelPrice> _overrides;

    private PriceTable(IReadOnlyDictionary<string, ModelPrice> overrides) => _overrides = overrides;

    public static PriceTable For(BudgetConfig budget) => new(budget.Prices);

    public bool TryGet(string modelId, out ModelPrice price)
    {
        if (modelId.StartsWith("mock/", StringComparison.Ordinal))
        {
            price = new ModelPrice(0, 0);
            return true;
        }

        if (_overrides.TryGetValue(modelId, out price!))
        {
            return true;
        }

        return ListPrices.TryGetValue(modelId, out price!);
    }

    public static decimal Cost(ModelPrice price, TokenUsage usage) =>
        ((usage.InputTokens * price.InputPerMillion) + ((usage.OutputTokens + usage.ReasoningTokens) * price.OutputPerMillion)) / 1_000_000m;
}
