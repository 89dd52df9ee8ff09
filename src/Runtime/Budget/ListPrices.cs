using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget;

/// <summary>
/// Public list prices (standard tier, USD per 1M tokens: input, output, cache read, cache write), checked 2026-12-02.
/// Anthropic: platform.claude.com/docs/en/about-claude/pricing (cache read 0.1× input, 5-minute cache write 1.25×).
/// OpenAI: developers.openai.com/api/docs/pricing as summarised on 2026-11-05 (cached input 0.5× for gpt-4o/4o-mini
/// and the o-series, 0.25× for the gpt-4.1 family, 0.1× for the gpt-5 family; no charge for cache writes).
/// Gemini 2.5: cached input 0.25× input, not re-checked on 2026-12-02 (context-cache storage per hour is not a per-call
/// cost and is not counted).
/// study.yaml <c>budget.prices</c> overrides any of them.
/// </summary>
internal static class ListPrices
{
    public static readonly IReadOnlyDictionary<string, ModelPrice> ByModel = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        ["openai/gpt-4o"] = new(2.50m, 10.00m, CacheReadPerMillion: 1.25m),
        ["openai/gpt-4o-mini"] = new(0.15m, 0.60m, CacheReadPerMillion: 0.075m),
        ["openai/gpt-4.1"] = new(2.00m, 8.00m, CacheReadPerMillion: 0.50m),
        ["openai/gpt-4.1-mini"] = new(0.40m, 1.60m, CacheReadPerMillion: 0.10m),
        ["openai/o3"] = new(2.00m, 8.00m, CacheReadPerMillion: 0.50m),
        ["openai/o3-mini"] = new(1.10m, 4.40m, CacheReadPerMillion: 0.55m),
        ["openai/o4-mini"] = new(1.10m, 4.40m, CacheReadPerMillion: 0.275m),
        ["openai/gpt-5"] = new(1.25m, 10.00m, CacheReadPerMillion: 0.125m),
        ["openai/gpt-5-mini"] = new(0.25m, 2.00m, CacheReadPerMillion: 0.025m),
        ["anthropic/claude-sonnet-4-5"] = new(3.00m, 15.00m, CacheReadPerMillion: 0.30m, CacheWritePerMillion: 3.75m),
        ["anthropic/claude-haiku-4-5"] = new(1.00m, 5.00m, CacheReadPerMillion: 0.10m, CacheWritePerMillion: 1.25m),
        ["anthropic/claude-opus-4-1"] = new(15.00m, 75.00m, CacheReadPerMillion: 1.50m, CacheWritePerMillion: 18.75m),
        ["google/gemini-2.5-flash"] = new(0.30m, 2.50m, CacheReadPerMillion: 0.075m),
        ["google/gemini-2.5-pro"] = new(1.25m, 10.00m, CacheReadPerMillion: 0.3125m),
    };
}
