using ItemEval.Runtime.Budget;

namespace ItemEval.Runtime.Config;

/// <summary>
/// List price in USD per million tokens. Cache reads and cache writes have their own rates (a cache hit costs a
/// fraction of the input rate; an Anthropic 5-minute cache write costs more than it); when a rate is not given it
/// falls back to the input rate, which is what every token cost before caching existed.
/// </summary>
/// <param name="CacheReadPerMillion">Input tokens served from the provider's prompt cache.</param>
/// <param name="CacheWritePerMillion">Input tokens written to the prompt cache (Anthropic bills them above input).</param>
public sealed record ModelPrice(
    decimal InputPerMillion,
    decimal OutputPerMillion,
    decimal? CacheReadPerMillion = null,
    decimal? CacheWritePerMillion = null)
{
    /// <summary>
    /// How the model's provider counts cached tokens in its usage report. Not a study.yaml key: the price table sets it
    /// from the provider's wire format, so <see cref="PriceTable.Cost"/> reads every provider's usage correctly.
    /// </summary>
    public CacheCounting CacheCounting { get; init; } = CacheCounting.InsideInput;

    public decimal CacheReadRate => CacheReadPerMillion ?? InputPerMillion;

    public decimal CacheWriteRate => CacheWritePerMillion ?? InputPerMillion;
}
